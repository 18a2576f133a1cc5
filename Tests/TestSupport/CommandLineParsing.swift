import ArgumentParser

/// Parses command lines with argument-parser in the test's own process, as the executable parses its arguments
/// (`parseAsRoot`), so that options and their defaults can be checked without starting a process.
public enum CommandLineParsing {
    /// The words of `line` as a POSIX shell splits them, without expansions: blanks separate words, `'…'` keeps
    /// everything literally, `"…"` keeps everything but `\"` and `\\`, and `\` outside quotes keeps the next
    /// character.
    public static func words(_ line: String) -> [String] {
        var words: [String] = [], word = "", inWord = false
        var quote: Character?, escaped = false
        for c in line {
            if escaped {
                word.append(c); escaped = false; inWord = true
            } else if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true } else { word.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c; inWord = true
            } else if c == "\\" {
                escaped = true
            } else if c == " " || c == "\t" {
                if inWord { words.append(word); word = ""; inWord = false }
            } else {
                word.append(c); inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// The command `root` parses `line` into (the words after the program's name), as `Command`. Throws
    /// argument-parser's error for a line it refuses, and `NotTheCommand` when the line names another command.
    public static func parse<Command: ParsableCommand>(_ line: String, root: any ParsableCommand.Type, as _: Command.Type = Command.self) throws -> Command {
        let parsed = try root.parseAsRoot(words(line))
        guard let command = parsed as? Command else { throw NotTheCommand(expected: "\(Command.self)", parsed: "\(type(of: parsed))") }
        return command
    }

    /// A command line that parsed into another command than the one asked for.
    public struct NotTheCommand: Error, CustomStringConvertible {
        /// The command asked for, and the one parsed.
        public let expected: String, parsed: String
        public var description: String { "the line parsed into \(parsed), not \(expected)" }
    }

    /// argument-parser's message for the error `line` gives (its usage error), or nil when the line parses.
    public static func refusal(_ line: String, root: any ParsableCommand.Type) -> String? {
        do { _ = try root.parseAsRoot(words(line)); return nil } catch { return root.message(for: error) }
    }
}
