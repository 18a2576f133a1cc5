import CordService
import Foundation

/// More pieces of the server's pages: any element with escaped attributes, links to escaped and percent-encoded
/// paths, lists, definition lists. Every text and attribute value goes through `String.markupEscaped`.
extension HTMLPage.HTML {
    /// `<name attributes…>children</name>`; attribute values escaped, in the order given.
    static func tag(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: [HTMLPage.HTML] = []) -> HTMLPage.HTML {
        HTMLPage.HTML(markup: "<\(name)\(attributeText(attributes))>" + children.map(\.markup).joined() + "</\(name)>")
    }

    /// `<name attributes…>escaped text</name>`.
    static func tag(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) -> HTMLPage.HTML {
        tag(name, attributes, [.text(text)])
    }

    /// An element without content (`<input …>`).
    static func void(_ name: String, _ attributes: KeyValuePairs<String, String>) -> HTMLPage.HTML {
        HTMLPage.HTML(markup: "<\(name)\(attributeText(attributes))>")
    }

    /// A link to `href` (already built by `WorkspacePaths`) reading `text`.
    static func link(_ text: String, to href: String) -> HTMLPage.HTML { tag("a", ["href": href], text: text) }

    /// Pieces one after the other.
    static func group(_ children: [HTMLPage.HTML]) -> HTMLPage.HTML { HTMLPage.HTML(markup: children.map(\.markup).joined()) }

    /// A bulleted list of texts.
    static func list(_ items: [String], class name: String = "") -> HTMLPage.HTML {
        tag("ul", name.isEmpty ? [:] : ["class": name], items.map { tag("li", text: $0) })
    }

    /// A definition list of term and description texts.
    static func facts(_ pairs: [(String, String)]) -> HTMLPage.HTML {
        tag("dl", ["class": "facts"], pairs.flatMap { [tag("dt", text: $0.0), tag("dd", text: $0.1)] })
    }

    /// ` name="escaped value"` for each attribute, in order.
    static func attributeText(_ attributes: KeyValuePairs<String, String>) -> String {
        attributes.map { " \($0.key)=\"\($0.value.markupEscaped)\"" }.joined()
    }
}
