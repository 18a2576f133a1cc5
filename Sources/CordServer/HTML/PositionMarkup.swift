import CordInventory
import CordMatch
import CordService

/// One locus of a unit for a recipient as the pages show it: per position the grade and its confidence by colour
/// (`c-definite` … `c-mismatch`) and in words, the mismatch direction, both typings on hover (`title`) and in print
/// (`typings`), and for an allele match that is only potential what is known beside it (an antigen match).
enum PositionMarkup {
    /// The loci of x/12, in the grid's order.
    static let loci = ["A", "B", "C", "DRB1", "DQB1", "DPB1"]

    /// The positions of `locus` of `unit`.
    ///
    /// - Parameters:
    ///   - unit: the unit as a report lists it.
    ///   - locus: the locus name.
    ///   - antigen: the antigen-level confidence of each position, when known (`SearchGrid.antigenConfidence`).
    /// - Returns: the cell's content and its attributes (`data-positions`: `grade/confidence` per position).
    static func cell(_ unit: SearchReport.UnitResult, _ locus: String, antigen: [String]?) -> HTMLTable.Cell {
        let positions = unit.loci[locus] ?? []
        let spans = positions.enumerated().map { i, p in
            HTMLPage.HTML.tag("span", ["class": "pos c-\(p.confidence) g-\(p.grade)", "title": "recipient \(shown(p.recipient)) · unit \(shown(p.unit))"],
                              [.text(words(p)), known(p, antigen: antigen.flatMap { i < $0.count ? $0[i] : nil }),
                               .tag("span", ["class": "typings"], text: "\(shown(p.recipient)) / \(shown(p.unit))")])
        }
        return HTMLTable.Cell(content: .group(spans), attributes: [
            "class": "locus", "data-locus": locus, "data-positions": positions.map { "\($0.grade)/\($0.confidence)" }.joined(separator: ","),
        ])
    }

    /// The grade in words: "allele, definite", "mismatch GvH", "untyped".
    static func words(_ p: SearchReport.Position) -> String {
        if p.grade == "untyped" { return "untyped" }
        if p.grade == "mismatch" { return "mismatch" + (p.direction.map { " \($0)" } ?? "") }
        return "\(p.grade), \(p.confidence)" + (p.detail.map { " (\($0))" } ?? "")
    }

    /// For a potential allele match whose antigen-level confidence is given: what is known and what is possible.
    static func known(_ p: SearchReport.Position, antigen: String?) -> HTMLPage.HTML {
        guard p.confidence == "potential", p.grade == "allele", let antigen else { return .group([]) }
        return .tag("span", ["class": "known"], text: knownWords(antigen: antigen))
    }

    /// "known: antigen match · possible: allele match" when the antigen-level match is known, else "antigen and
    /// allele match both only possible".
    static func knownWords(antigen: String) -> String {
        antigen == "definite" || antigen == "exact" ? "known: antigen match · possible: allele match" : "antigen and allele match both only possible"
    }

    static func shown(_ typing: String) -> String { typing.isEmpty ? "untyped" : typing }
}
