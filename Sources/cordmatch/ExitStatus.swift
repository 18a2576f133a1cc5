import ArgumentParser
import CordInventory
import CordMatch
import CordService
import HLA

/// The exit codes of every command, and the one mapping from the error a command throws to its code. Commands
/// never choose a code: they throw (`InputProblems`, `CannotRun`, or the libraries' own errors), and
/// `Cordmatch.main` ends the process with `of(_:)`. The table is in the root command's `--help` and in
/// docs/OPERATIONS.md (a test checks that the two agree).
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    /// The command ran, but some of its input was rejected, and every problem was reported.
    case inputProblems = 1
    /// The command could not start, or could not complete; nothing was changed.
    case couldNotRun = 2
    /// Another rematch holds the lock on the database.
    case rematchRunning = 3
    /// `rematch --resume` found nothing to resume or deliver.
    case nothingToResume = 4

    /// What the code means, as the table says it (docs/OPERATIONS.md gives examples of each).
    var meaning: String {
        switch self {
        case .success: return "success"
        case .inputProblems: return "the input had problems; each one was reported"
        case .couldNotRun: return "could not start or could not complete; nothing was changed"
        case .rematchRunning: return "another rematch holds the lock on this database"
        case .nothingToResume: return "rematch --resume: nothing to resume or deliver"
        }
    }

    /// The table for `--help`, one line per code.
    static var helpTable: String { allCases.map { "  \($0.rawValue)  \($0.meaning)" }.joined(separator: "\n") }

    /// The code for `error`.
    static func of(_ error: Error) -> ExitStatus {
        switch error {
        case is InputProblems, is ImportRejected, is NotInInventory, is TypingError, is HLAParseError, is NomenclatureError, is ReductionError:
            return .inputProblems
        case is RematchLock.Busy: return .rematchRunning
        case is Rematch.Refused: return .nothingToResume
        case let code as ExitCode: return code == .success ? .success : code.rawValue == 1 ? .inputProblems : .couldNotRun
        default:
            // Argument-parser's own: help and version requests succeed; usage errors (EX_USAGE, 64) are 2.
            return Cordmatch.exitCode(for: error) == .success ? .success : .couldNotRun
        }
    }

    /// What the process prints for `error` (on standard error; help on standard output), or nil when the
    /// command has reported everything itself.
    static func message(for error: Error) -> String? {
        switch error {
        case let e as InputProblems: return e.message.map { "cordmatch: \($0)" }
        case is ExitCode: return nil
        default:
            let code = Cordmatch.exitCode(for: error)
            return code == .success || code == .validationFailure ? Cordmatch.fullMessage(for: error) : "cordmatch: \(error)"
        }
    }
}

/// The command ran, but some of its input was rejected (exit code 1). `message` is nil when every problem has
/// already been reported (one line per bad input).
struct InputProblems: Error, CustomStringConvertible {
    let message: String?
    init(_ message: String? = nil) { self.message = message }
    var description: String { message ?? "some inputs were rejected" }
}

/// The command could not start or complete (exit code 2), for a reason the CLI itself found.
struct CannotRun: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
