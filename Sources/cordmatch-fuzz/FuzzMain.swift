import CordFuzz
import Foundation

/// `cordmatch-fuzz`: the fuzz targets as one executable.
///
/// Built by `scripts/fuzz` with `-sanitize=fuzzer,address -DCORDMATCH_LIBFUZZER`, it is a libFuzzer binary: the
/// target is named by `$CORDMATCH_FUZZ_TARGET` (a `FuzzTarget` raw value), the release is loaded once before
/// libFuzzer's driver starts, and a broken oracle traps so that libFuzzer keeps the input. Built normally (as
/// `swift build` builds every product), it replays inputs: `cordmatch-fuzz TARGET FILE_OR_FOLDER…` runs every
/// file through the same target and exits 1 when any broke an oracle.
enum FuzzProcess {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The environment, loaded once; a process that cannot load it stops with the reason.
    static let environment: FuzzEnvironment = {
        do { return try FuzzEnvironment(packageRoot: packageRoot) } catch { stop("cannot load the reference data: \(error)") }
    }()

    static func stop(_ message: String, code: Int32 = 2) -> Never {
        FileHandle.standardError.write(Data("cordmatch-fuzz: \(message)\n".utf8))
        exit(code)
    }

    static func target(named name: String?) -> FuzzTarget {
        guard let name, let target = FuzzTarget(rawValue: name) else {
            stop("name a target: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }
}

#if CORDMATCH_LIBFUZZER
/// The target this libFuzzer process runs.
let fuzzTarget = FuzzProcess.target(named: ProcessInfo.processInfo.environment["CORDMATCH_FUZZ_TARGET"])

/// libFuzzer's driver (its `main`, which SwiftPM's own `main` replaces).
@_extern(c, "LLVMFuzzerRunDriver")
func fuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main
enum Fuzz {
    /// Loads the release, then hands the arguments to libFuzzer, which calls `one` for every input.
    static func main() {
        _ = (fuzzTarget, FuzzProcess.environment)
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(withUnsafeMutablePointer(to: &argv) { fuzzerRunDriver(&argc, $0, one) })
    }

    /// One input: a broken oracle traps, so that libFuzzer keeps the input as a crash.
    static let one: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { data, size in
        let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        do { try fuzzTarget.run(input, in: FuzzProcess.environment) } catch { fatalError("\(fuzzTarget.rawValue): \(error)") }
        return 0
    }
}
#else
@main
enum Replay {
    static func main() {
        let target = FuzzProcess.target(named: CommandLine.arguments.dropFirst().first)
        let files = CommandLine.arguments.dropFirst(2).flatMap { path -> [URL] in
            let url = URL(fileURLWithPath: path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [url] }
            let inside = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)) ?? []
            return inside.sorted { $0.path < $1.path }
        }
        if files.isEmpty { FuzzProcess.stop("name the files or folders of inputs to replay") }
        var broken = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else { FuzzProcess.stop("cannot read \(file.path)") }
            do { try target.run(Array(data), in: FuzzProcess.environment) } catch {
                broken += 1
                print("\(file.path): \(error)")
            }
        }
        print("\(target.rawValue): \(files.count) inputs replayed, \(broken) broke an oracle")
        if broken > 0 { exit(1) }
    }
}
#endif
