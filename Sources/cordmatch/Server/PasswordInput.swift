import ArgumentParser
import Foundation

/// A password from standard input: its first line; at a terminal, asked for with echo off.
enum PasswordInput {
    static func read(prompt: String) throws -> String {
        let terminal = isatty(0) == 1
        var saved = termios()
        if terminal {
            FileHandle.standardError.write(Data(prompt.utf8))
            tcgetattr(0, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &quiet)
        }
        defer {
            if terminal {
                tcsetattr(0, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CannotRun("no password on standard input")
        }
        return line
    }
}
