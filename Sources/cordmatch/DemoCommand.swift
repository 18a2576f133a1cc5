import ArgumentParser
import Foundation
import CordMatch

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show the engine at work on built-in example typings.",
        discussion: """
            Today the demo runs the HLA nomenclature engine (the foundation of matching) on example typings
            from a cord blood unit and a patient. Inventory search joins it when the store lands.
            """)

    @OptionGroup var reference: ReferenceOptions

    func run() async throws {
        let (data, _): (ReferenceData, MACTable?)
        do { (data, _) = try reference.load() } catch { throw fatal("\(error)") }
        let reducer = Reducer(data)
        print("IPD-IMGT/HLA \(data.version) (rel_dna_ser \(data.relDnaSerLayout.rawValue)), \(data.whoAlleles.count) alleles\n")
        let examples: [(String, String)] = [
            ("patient, high resolution", "HLA-A*02:01:01:01+HLA-A*24:02:01:01^HLA-B*44:02:01:01+HLA-B*08:01:01:01^HLA-DRB1*15:01:01:01+HLA-DRB1*03:01:01:01"),
            ("unit typed by serology at A and B", "A2+A24^B44+B8"),
            ("unit with an XX code", "DRB1*15:XX"),
            ("null allele (not expressed)", "B*44:19N"),
            ("renamed allele", "A*02:01:08"),
            ("broad antigen B12", "B12"),
        ]
        for (label, typing) in examples {
            print("\(label): \(typing)")
            for t in [ReductionType.P, .lgx, .S] {
                do {
                    let r = try reducer.reduce(typing, to: t)
                    let shown = r.result.count > 110 ? String(r.result.prefix(107)) + "…" : r.result
                    print("  \(t.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0)) \(shown.isEmpty ? "(none)" : shown)")
                    for w in r.warnings where t == .P { print("  note: \(w)") }
                } catch {
                    print("  \(t.rawValue): ERROR: \(error)")
                }
            }
        }
    }
}
