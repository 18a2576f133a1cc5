/// A table of the workspace (in a box that scrolls sideways on a narrow screen): head cells (sortable by the page's script when they carry a sort kind), rows with
/// their own attributes (`data-*` values the script sorts by and tests read), and cells of markup.
struct HTMLTable {
    /// A head cell: its label and, for a sortable column, how the script compares its cells (`number` or `text`;
    /// a cell's `data-v` value when it has one, else its text).
    struct Column {
        let label: String
        var sort: String? = nil
    }

    /// A body cell: markup and its attributes.
    struct Cell {
        let content: HTMLPage.HTML
        var attributes: KeyValuePairs<String, String> = [:]

        /// A cell of escaped text.
        static func text(_ text: String) -> Cell { Cell(content: .text(text)) }
        /// A cell of text with a value to sort by.
        static func number(_ text: String, _ value: Double?) -> Cell {
            Cell(content: .text(text), attributes: ["data-v": value.map { String($0) } ?? ""])
        }
    }

    /// A body row.
    struct Row {
        var attributes: KeyValuePairs<String, String> = [:]
        let cells: [Cell]
    }

    let id: String
    let columns: [Column]
    let rows: [Row]
    var caption: String? = nil

    var html: HTMLPage.HTML {
        let head = HTMLPage.HTML.tag("thead", [:], [.tag("tr", [:], columns.map { c in
            c.sort.map { HTMLPage.HTML.tag("th", ["data-sort": $0, "scope": "col"], text: c.label) } ?? .tag("th", ["scope": "col"], text: c.label)
        })])
        let body = HTMLPage.HTML.tag("tbody", [:], rows.map { row in
            HTMLPage.HTML(markup: "<tr\(HTMLPage.HTML.attributeText(row.attributes))>" + row.cells.map { "<td\(HTMLPage.HTML.attributeText($0.attributes))>\($0.content.markup)</td>" }.joined() + "</tr>")
        })
        return .tag("div", ["class": "scroll"], [
            .tag("table", ["id": id, "class": "grid"], (caption.map { [HTMLPage.HTML.tag("caption", text: $0)] } ?? []) + [head, body]),
        ])
    }
}
