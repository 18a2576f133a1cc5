import CordInventory

/// The frame of every workspace page: the navigation (recipients, the morning report, requests), who is signed in
/// and the sign-out form, the page's heading, then its sections.
enum WorkspaceLayout {
    /// A workspace page for `identity`.
    ///
    /// - Parameters:
    ///   - title: the page's title and heading.
    ///   - identity: who is signed in.
    ///   - body: the page's sections.
    /// - Returns: the page, with the workspace's stylesheet and script.
    static func page(_ title: String, _ identity: Identity, _ body: [HTMLPage.HTML]) -> HTMLPage {
        let nav = HTMLPage.HTML.tag("nav", ["class": "top"], [
            .link("Recipients", to: WorkspacePaths.recipients), .link("Morning report", to: WorkspacePaths.rematch),
            .link("Requests", to: WorkspacePaths.requests),
            .tag("span", ["class": "who"], text: "\(identity.name) (\(identity.role.rawValue))"),
            .form(action: "/logout", csrf: identity.csrf ?? "", [], submit: "Sign out"),
        ])
        return HTMLPage(title: title, body: [nav, .tag("main", [:], [.element("h1", title)] + body)], workspace: true)
    }

    /// A section with a heading (`id` for links and tests).
    static func section(_ heading: String, id: String, _ content: [HTMLPage.HTML]) -> HTMLPage.HTML {
        .tag("section", ["id": id], [.element("h2", heading)] + content)
    }
}
