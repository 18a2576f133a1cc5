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

    /// The typings: the arguments, or else every line of standard input (read whole; a line's `\r\n` ending and
    /// the spaces and tabs around it dropped, as `readLine` and `trimmingCharacters(in: .whitespaces)` would).
    func inputs() -> [String] {
        if !typings.isEmpty { return typings }
        let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        return input.withUnsafeBufferPointer { bytes in
            var lines: [String] = [], start = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
                lines.append(Self.trimmedLine(UnsafeBufferPointer(rebasing: bytes[start..<i])))
                start = i + 1
            }
            if start < bytes.count { lines.append(Self.trimmedLine(UnsafeBufferPointer(rebasing: bytes[start...]))) }
            return lines
        }
    }

    /// One line of input, trimmed: on bytes for an ASCII line, with Foundation's whitespace set for the others.
    static func trimmedLine(_ line: UnsafeBufferPointer<UInt8>) -> String {
        var lo = 0, hi = line.count
        if hi > 0 && line[hi - 1] == UInt8(ascii: "\r") { hi -= 1 }
        guard line[lo..<hi].allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: line[lo..<hi], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
        let blank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        while lo < hi && blank(line[lo]) { lo += 1 }
        while hi > lo && blank(line[hi - 1]) { hi -= 1 }
        return String(decoding: line[lo..<hi], as: UTF8.self)
    }

    /// Runs `work` on every input and prints the results; throws `InputProblems` when any input failed.
    func run(_ inputs: [String], release: String, verb: String, _ work: (String) throws -> Reduction) throws {
        var failed = 0
        var json: [[String: Any]] = []
        var text = ""
        for (i, input) in inputs.enumerated() {
            do {
                let r = try work(input)
                for w in r.warnings { printError("warning: input \(i + 1): \(w)") }
                if format == .text { text += r.result + "\n" } else { json.append(["input": input, "result": r.result, "warnings": r.warnings]) }
            } catch {
                failed += 1
                if format == .text { text += "ERROR: \(error)\n" } else { json.append(["input": input, "error": "\(error)"]) }
            }
            // Printed in pieces of about 64 KB: one write instead of one per line.
            if text.utf8.count >= 1 << 16 || i == inputs.count - 1 {
                print(text, terminator: "")
                text = ""
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
        inputs.contains(where: Self.mayHoldMAC)
    }

    /// True when a field after the first `:` of `s` has two or more letters, all uppercase, and is not `XX`
    /// (checked on bytes, in one pass, when `s` is ASCII).
    static func mayHoldMAC(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                return String(decoding: bytes, as: UTF8.self).split(separator: ":").dropFirst()
                    .contains { f in f.count >= 2 && f != "XX" && f.allSatisfy { $0.isUppercase && $0.isLetter } }
            }
            // The fields between `:`s (empty ones skipped, as `split` skips them), each checked at its end; the
            // first is the locus and allele group, never a MAC.
            var start = 0, seenFirst = false, letters = true
            for i in 0...bytes.count {
                if i == bytes.count || bytes[i] == UInt8(ascii: ":") {
                    let n = i - start
                    if n > 0 {
                        let xx = n == 2 && bytes[start] == UInt8(ascii: "X") && bytes[start + 1] == UInt8(ascii: "X")
                        if seenFirst && n >= 2 && letters && !xx { return true }
                        seenFirst = true
                    }
                    start = i + 1
                    letters = true
                } else if bytes[i] < UInt8(ascii: "A") || bytes[i] > UInt8(ascii: "Z") {
                    letters = false
                }
            }
            return false
        }
    }
}

