import ArgumentParser
import CordMatch
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Select cord blood units for an example patient from a small built-in inventory, and explain.",
        discussion: """
            Runs the matching core on a built-in example: an 18 kg child with a non-malignant disease, a few units
            typed at mixed resolution (alleles, XX codes, serology), the non-malignant policy. Prints the ranked
            eligible units, why the others are not eligible, and the full account of the best unit. The SQLite
            inventory and its search (issue #5) will replace the built-in list.
            """)

    @OptionGroup var reference: ReferenceOptions

    static let patient = "HLA-A*02:01+HLA-A*24:02^HLA-B*44:02+HLA-B*08:01^HLA-C*05:01+HLA-C*07:01^HLA-DRB1*15:01+HLA-DRB1*03:01^HLA-DQB1*06:02+HLA-DQB1*02:01"

    /// (id, typing, TNC, CD34, collection date, status)
    static let units: [(String, String, Double?, Double?, String, CordUnit.Status)] = [
        ("CB-001", "A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01^DQB1*06:02+DQB1*02:01", 1.2e9, 5.1e6, "2021-03-02", .available),
        ("CB-002", "A2+A24^B44+B8^DRB1*15:XX+DRB1*03:01", 1.5e9, 6.0e6, "2016-07-19", .available),
        ("CB-003", "A*02:01+A*24:02^B*44:02+B*44:02^C*05:01+C*05:01^DRB1*15:01+DRB1*03:01", 1.1e9, 4.0e6, "2022-11-30", .available),
        ("CB-004", "A*02:01+A*11:01^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01", 1.4e9, nil, "2019-05-14", .available),
        ("CB-005", "A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01", 0.8e9, 3.0e6, "2020-01-10", .available),
        ("CB-006", "A*02:01+A*24:02^B*44:02+B*08:01^C*05:01+C*07:01^DRB1*15:01+DRB1*03:01", 1.6e9, 6.2e6, "2023-02-01", .reserved),
        ("CB-007", "A*01:01+A*03:01^B*07:02+B*35:01^C*04:01+C*07:02^DRB1*04:01+DRB1*13:01", 2.0e9, 8.0e6, "2022-06-06", .available),
    ]

    func run() async throws {
        let (data, _): (ReferenceData, MACTable?)
        do { (data, _) = try reference.load() } catch { throw fatal("\(error)") }
        let resolver = TypingResolver(data, tce: try? DPB1TCETable.load(DataDirectory.resolve().tceFile))
        let recipient = Recipient(id: "demo patient", typing: try resolver.resolve(Self.patient), weightKg: 18,
                                  disease: .nonMalignant, antibodies: try AntibodyList.parse("B*07:02=4000", resolver: resolver), abo: "A")
        let units = try Self.units.map { id, gl, tnc, cd34, date, status in
            CordUnit(id: id, bank: "DEMO", status: status, typing: try resolver.resolve(gl), tnc: tnc, cd34: cd34,
                     collectionDate: CalendarDate(date), productModification: "RBR", attachedSegments: 2, accreditedBank: true, abo: "A")
        }
        let policy = PolicyPresets.nonMalignant
        let result = CordSelector(policy: policy, searchDate: CalendarDate(year: 2026, month: 1, day: 15)).select(for: recipient, from: units)

        print("Patient: 18 kg, non-malignant disease, antibody B*07:02 (MFI 4000)")
        print("  \(Self.patient)")
        print("Policy \(result.policy), IPD-IMGT/HLA \(result.release), search date 2026-01-15, \(units.count) units\n")
        print("rank  unit    x/6        x/8        GvH HvG  TNC/kg  CD34/kg  notes")
        for (i, a) in result.ranked.enumerated() {
            let notes = (a.dose.cd34PerKg == nil ? ["CD34 not reported"] : []) + a.warnings
            let cd34 = a.dose.cd34PerKg.map { String(format: "%.2f", $0) } ?? "—"
            print(String(format: "%4d  ", i + 1) + a.unitID + "  " + Self.pad(Self.count(a.match.x6), 9) + "  " + Self.pad(Self.count(a.match.x8), 9)
                  + String(format: "  %3d %3d  %6.2f  ", a.match.x8.gvh, a.match.x8.hvg, a.dose.tncPerKg ?? 0)
                  + String(repeating: " ", count: max(0, 7 - cd34.count)) + cd34 + "  " + notes.joined(separator: "; "))
        }
        print("\nNot eligible:")
        for a in result.ineligible { print("  \(a.unitID): \(a.reasons.joined(separator: "; "))") }
        if let best = result.ranked.first { print("\nWhy \(best.unitID) ranks first:\n\(best.text)") }
    }

    static func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: max(n, s.count), withPad: " ", startingAt: 0) }

    static func count(_ c: PairMatch.Count) -> String {
        c.potential > 0 ? "\(c.definite)+\(c.potential)p/\(c.outOf)" : "\(c.definite)/\(c.outOf)"
    }
}
