import ArgumentParser
import Foundation
import HLA

struct HLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hla",
        abstract: "HLA nomenclature: reduce, expand and validate typings against an IPD-IMGT/HLA release.",
        discussion: """
            A typing is an allele name (A*02:01, HLA-A*02:01:01:01, B*44:19N), an XX code (A*02:XX), an NMDP MAC \
            (A*02:AB, needs 'cordmatch data install --mac FILE'), a G or P group (A*01:01:01G, A*01:01P), a \
            serologic antigen (A2, B44, Cw7, DR15, DQ7), or a GL string combining them:
              HLA-A*01:01+HLA-A*24:02^HLA-B*08:01+HLA-B*44:02/44:03

            Typings come as arguments, or one per line on standard input. Text output is exactly one line per \
            input, in input order: the result, or 'ERROR: <message>'. A bad line never stops the rest; the exit \
            code is 1 when any line failed, 2 when the run could not start (reference data). Warnings (e.g. a \
            renamed allele) go to standard error.
            """,
        subcommands: [Reduce.self, Expand.self, Validate.self]
    )
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Shared input/output handling of the per-typing verbs.
struct TypingIO: ParsableArguments {
    @Option(help: "Output format: text (one line per input) or json.")
    var format: OutputFormat = .text

    @Argument(help: "Typings to process; when none are given, one per line from standard input.")
    var typings: [String] = []

    func inputs() -> [String] {
        if !typings.isEmpty { return typings }
        var lines: [String] = []
        while let l = readLine() { lines.append(l.trimmingCharacters(in: .whitespaces)) }
        return lines
    }

    /// Runs `work` on every input and prints the results; throws `InputProblems` when any input failed.
    func run(_ inputs: [String], release: String, verb: String, _ work: (String) throws -> Reduction) throws {
        var failed = 0
        var json: [[String: Any]] = []
        for (i, input) in inputs.enumerated() {
            do {
                let r = try work(input)
                for w in r.warnings { printError("warning: input \(i + 1): \(w)") }
                if format == .text { print(r.result) } else { json.append(["input": input, "result": r.result, "warnings": r.warnings]) }
            } catch {
                failed += 1
                if format == .text { print("ERROR: \(error)") } else { json.append(["input": input, "error": "\(error)"]) }
            }
        }
        if format == .json {
            let doc: [String: Any] = ["schema": "cordmatch.hla/1", "verb": verb, "imgt_version": release, "results": json]
            let data = try! JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
        if failed > 0 { throw InputProblems() }
    }

    /// True when some input looks like it holds a MAC (so the MAC table is loaded only when needed).
    func mayHoldMACs(_ inputs: [String]) -> Bool {
        inputs.contains { s in s.split(separator: ":").dropFirst().contains { f in f.count >= 2 && f != "XX" && f.allSatisfy { $0.isUppercase && $0.isLetter } } }
    }
}

