/// A command that may serve HTTP (`serve`, `demo --serve`): before it runs, Swift concurrency's tasks are moved
/// onto the server's event loops (`CordServerApplication.runTasksOnEventLoops`). A `SendableMetatype`, so the cast
/// in `Cordmatch.main` finds no main-actor-isolated conformance, and the command it casts can be handed to its
/// nonisolated `run()` without a data race.
protocol ServingCommand: SendableMetatype {
    /// True when this invocation serves (not `serve --openapi`, not a `demo` without `--serve`).
    var servesHTTP: Bool { get }
}

extension ServeCommand: ServingCommand {
    var servesHTTP: Bool { !openapi }
}

extension DemoCommand: ServingCommand {
    var servesHTTP: Bool { serve }
}
