import ArgumentParser
import CordServer
import CordService
import Foundation

@main
struct Cordmatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cordmatch",
        abstract: "Find umbilical cord blood units for a patient: HLA nomenclature, matching and inventory search.",
        discussion: """
            Reference data (IPD-IMGT/HLA releases) are installed once by scripts/setup, or with 'cordmatch data install'. \
            Every command that needs them takes --imgt-version or --imgt-dir.

            Exit codes (every command; docs/OPERATIONS.md):
            \(ExitStatus.helpTable)

            Start with: cordmatch demo
            """,
        version: CordmatchVersion.current,
        subcommands: [ImportCommand.self, GenCommand.self, SearchCommand.self, ExplainCommand.self, MatchCommand.self, RematchCommand.self, VerifyCommand.self, PolicyCommand.self, HLACommand.self, DataCommand.self, DemoCommand.self, BenchCommand.self, ServeCommand.self, UserCommand.self, TokenCommand.self, AuditCommand.self]
    )

    /// Parses and runs the command, and ends the process with the code `ExitStatus.of` gives its error (usage
    /// errors included): the one place an exit code is chosen.
    static func main() async {
        // A write past the process's file-size limit fails with EFBIG (reported, exit 2) instead of killing it.
        signal(SIGXFSZ, SIG_IGN)
        var status = ExitStatus.success
        do {
            var command = try parseAsRoot()
            // On the main thread, before any task runs: a server's tasks run on its event loops.
            if (command as? ServingCommand)?.servesHTTP == true { CordServerApplication.runTasksOnEventLoops() }
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            status = ExitStatus.of(error)
            if let message = ExitStatus.message(for: error), !message.isEmpty {
                if status == .success { print(message) } else { printError(message) }
            }
        }
        endProcess(status.rawValue)
    }
}

/// `exit(3)` (inside `Cordmatch`, `exit` names argument-parser's method).
private func endProcess(_ code: Int32) -> Never { exit(code) }
