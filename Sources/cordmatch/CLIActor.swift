import CordServer
import Foundation

/// How the CLI's account commands name themselves in the audit trail, and print the server library's errors.
enum CLIActor {
    /// `cli:` and the operating-system user.
    static var name: String { "cli:" + ProcessInfo.processInfo.userName }

    static func message(_ error: any Error) -> String {
        (error as? ProblemDetails)?.detail ?? "\(error)"
    }
}
