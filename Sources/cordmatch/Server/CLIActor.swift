import CordServer
import Foundation

/// How the CLI's account commands name themselves in the audit trail, and print the server library's errors.
enum CLIActor {
    /// `cli:` and the operating-system user.
    static var name: String { "cli:" + ProcessInfo.processInfo.userName }

    static func message(_ error: any Error) -> String {
        (error as? ProblemDetails)?.detail ?? "\(error)"
    }

    /// Runs an account command's change: a refused change (a name taken, a short password) is an input problem
    /// (exit code 1) with the library's message.
    static func change(_ body: () async throws -> Void) async throws {
        do { try await body() } catch { throw InputProblems(message(error)) }
    }
}
