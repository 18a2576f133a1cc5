import Foundation

/// For tests only, and documented in docs/RELIABILITY.md (not in --help): with `CORDMATCH_TEST_KILL_AT=<point>`
/// in its environment the process kills itself with SIGKILL when it reaches that named point — the phases of a
/// rematch and of delivering its report — so that a test can stop a real run exactly there, as a crash, the OOM
/// killer or a power loss would, and check that nothing is lost.
enum TestKillPoint {
    static let requested = ProcessInfo.processInfo.environment["CORDMATCH_TEST_KILL_AT"]

    /// Kills the process when `point` is the one asked for.
    static func reached(_ point: String) {
        if requested == point { kill(getpid(), SIGKILL) }
    }
}
