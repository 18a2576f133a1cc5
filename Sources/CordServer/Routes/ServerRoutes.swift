/// Every route of the server: what `CordServerApplication` registers, and what the OpenAPI document must describe
/// (the `/api/v1` ones; a test checks both ways).
enum ServerRoutes {
    static func all(_ s: ServerServices) -> [ServerRoute] {
        SystemRoutes.routes(s) + RecipientRoutes.routes(s) + AdHocSearchRoutes.routes(s) + UnitRequestRoutes.routes(s)
            + AdminRoutes.routes(s) + SignInRoutes.routes(s) + WorkspaceRoutes.routes(s) + RequestPageRoutes.routes(s)
            + AssetRoutes.routes(s)
    }
}
