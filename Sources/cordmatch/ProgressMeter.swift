import CordInventory
import Foundation

/// Progress on stderr (done / total, rate, ETA): rewritten in place on a terminal, a line every few seconds
/// otherwise (logs). Nothing before `delay` seconds, so that short runs stay quiet.
final class ProgressMeter: @unchecked Sendable {
    let quiet: Bool
    let delay: Double
    let terminal = isatty(2) == 1
    private let started = Date()
    private var lastLine = Date.distantPast
    private var printed = false

    init(quiet: Bool, delay: Double = 0) {
        self.quiet = quiet
        self.delay = delay
    }

    /// Shows `line()` if it is time to (always when `final`, after the delay).
    func update(final: Bool, _ line: () -> String) {
        guard !quiet, Date().timeIntervalSince(started) >= delay,
              terminal || Date().timeIntervalSince(lastLine) >= 5 || final else { return }
        lastLine = Date()
        printed = true
        let text = line()
        FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + text : text + "\n").utf8))
    }

    func update(_ p: Rematch.Progress) {
        update(final: p.done == p.total) {
            let rate = p.seconds > 0 ? Double(p.doneNow) / p.seconds : 0
            let eta = rate > 0 ? Double(p.total - p.done) / rate : 0
            return String(format: "rematch: %d/%d recipients (%.0f%%), %.0f/s, ETA %@", p.done, p.total,
                          p.total > 0 ? 100 * Double(p.done) / Double(p.total) : 100, rate, Self.duration(eta))
        }
    }

    func update(_ p: UnitImporter.Progress) {
        update(final: p.bytesRead == p.bytesTotal) {
            let fraction = p.bytesTotal > 0 ? Double(p.bytesRead) / Double(p.bytesTotal) : 1
            let eta = fraction > 0 ? p.seconds * (1 - fraction) / fraction : 0
            return String(format: "import: %d records read (%.0f%%), %.0f/s, ETA %@", p.records, 100 * fraction,
                          p.seconds > 0 ? Double(p.records) / p.seconds : 0, Self.duration(eta))
        }
    }

    /// Ends the line rewritten in place, if any.
    func finish() { if printed && terminal { FileHandle.standardError.write(Data("\n".utf8)) } }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 60 ? "\(t / 60)m\(String(format: "%02d", t % 60))s" : "\(t)s"
    }
}
