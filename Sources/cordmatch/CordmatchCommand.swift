import ArgumentParser

@main
struct Cordmatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cordmatch",
        abstract: "Find umbilical cord blood units for a patient: HLA nomenclature, matching and inventory search.",
        discussion: """
            Reference data (IPD-IMGT/HLA releases) are installed once by scripts/setup, or with 'cordmatch data install'. \
            Every command that needs them takes --imgt-version or --imgt-dir.

            Exit codes: 0 success; 1 some inputs were invalid (each one is reported); 2 usage or reference-data problem.

            Start with: cordmatch demo
            """,
        subcommands: [ImportCommand.self, GenCommand.self, SearchCommand.self, ExplainCommand.self, MatchCommand.self, RematchCommand.self, VerifyCommand.self, PolicyCommand.self, HLACommand.self, DataCommand.self, DemoCommand.self, BenchCommand.self, ServeCommand.self, UserCommand.self, TokenCommand.self, AuditCommand.self]
    )
}
