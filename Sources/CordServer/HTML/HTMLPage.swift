import CordService
import HLA
import Hummingbird

/// Server-rendered pages: text is escaped where it is put in (`HTMLPage.text(_:)`), markup is only what the
/// server writes; script and styles only from this server's own files (`WorkspaceAssets`; the
/// Content-Security-Policy forbids the rest, inline script and inline handlers included). The coordinator's pages
/// are built from these pieces (`HTMLElements`, `HTMLTable`, `WorkspaceLayout`).
struct HTMLPage {
    let title: String
    let body: [HTML]
    /// The workspace's stylesheet and script (`WorkspaceAssets`) are linked; the sign-in page has neither script.
    var workspace = false

    /// A piece of HTML: markup the server wrote, or escaped text.
    struct HTML: Sendable {
        let markup: String
        init(markup: String) { self.markup = markup }
        /// `text`, escaped.
        static func text(_ text: String) -> HTML { HTML(markup: text.markupEscaped) }
        /// `<tag>escaped text</tag>`.
        static func element(_ tag: String, _ text: String) -> HTML { HTML(markup: "<\(tag)>\(text.markupEscaped)</\(tag)>") }
        /// A POST form to `action` carrying the CSRF token, with `fields` inside.
        static func form(action: String, csrf: String, _ fields: [HTML], submit: String) -> HTML {
            HTML(markup: "<form method=\"post\" action=\"\(action.markupEscaped)\">"
                 + "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf.markupEscaped)\">"
                 + fields.map(\.markup).joined() + "<button type=\"submit\">\(submit.markupEscaped)</button></form>")
        }
        /// A labelled input.
        static func input(_ label: String, name: String, type: String) -> HTML {
            HTML(markup: "<label>\(label.markupEscaped) <input name=\"\(name.markupEscaped)\" type=\"\(type.markupEscaped)\" required></label>")
        }
    }

    var html: String {
        let assets = workspace
            ? "<link rel=\"stylesheet\" href=\"\(WorkspaceAssets.stylesheetPath)\"><script src=\"\(WorkspaceAssets.scriptPath)\" defer></script>"
            : "<link rel=\"stylesheet\" href=\"\(WorkspaceAssets.stylesheetPath)\">"
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
            + "<title>\(title.markupEscaped) — cordmatch</title>\(assets)</head><body>" + body.map(\.markup).joined() + "</body></html>"
    }

    func response(status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A problem as a page.
    static func error(_ problem: ProblemDetails) -> Response {
        HTMLPage(title: problem.status.reasonPhrase, body: [.element("h1", problem.status.reasonPhrase), .element("p", problem.detail)])
            .response(status: problem.status, headers: problem.headers)
    }
}
