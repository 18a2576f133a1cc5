import Hummingbird

/// The workspace's stylesheet and script (`WorkspaceAssets`), with their content types; no credentials needed
/// (they hold no data).
enum AssetRoutes {
    static func routes(_ s: ServerServices) -> [ServerRoute] {
        [
            ServerRoute(.get, WorkspaceAssets.stylesheetPath, .everyone) { _, _ in asset(WorkspaceAssets.stylesheet, type: "text/css; charset=utf-8") },
            ServerRoute(.get, WorkspaceAssets.scriptPath, .everyone) { _, _ in asset(WorkspaceAssets.script, type: "text/javascript; charset=utf-8") },
        ]
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
