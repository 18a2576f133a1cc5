extension String {
    /// The text safe inside XML or HTML element content and double-quoted attributes (`& < > "`, and line ends
    /// kept inside attributes as `&#10;`).
    public var markupEscaped: String {
        var out = ""
        for c in unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
