/// Refuses, before TOMLKit sees it, the few kinds of invalid TOML that the toml++ 3 inside TOMLKit 0.6.0 does
/// not check itself but assumes away: it then fails an assertion in a debug build (ending the process) and reads
/// on into undefined behaviour in a release build. Each was found by `TOMLFuzzTests`:
///
/// - a table header whose `[` (or `[[`) is not followed by a key: `[#]`, `[.a]`, `[ [a]]`;
/// - no value where one must be: `a = ,`, `a = }`, `[1,,2]`, `[1,}`;
/// - a date and `T` with no time after it: `2018-10-09T+02:00`;
/// - a space inside a number-like value other than between a date and its time: `2030-01-&a 1`;
/// - a space other than ' ' and tab (U+0085, U+2028, …) outside strings and comments.
///
/// Everything else goes on to TOMLKit, which reports its errors itself. One pass over the text that knows
/// strings, comments and brackets well enough to tell a header (a `[` that opens a line outside any value) from
/// an array that continues on the next line.
enum TOMLParserGuard {
    struct Problem: Equatable {
        /// 1-based, in Unicode scalars of the TOML text.
        var line: Int
        var column: Int
        var message: String
    }

    static func problem(in text: String) -> Problem? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        var open: [Unicode.Scalar] = []
        var atLineStart = true
        /// A value must come next (after `=`, or after `[` or `,` in an array).
        var expectValue = false
        /// After `=` even the end of the line or a comment is no value; in an array they may stand between values.
        var valueRequiredOnLine = false
        func at(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
        func newline() { line += 1; lineStart = index + 1; atLineStart = true }
        func problem(_ message: String) -> Problem { Problem(line: line, column: min(index, scalars.count) - lineStart + 1, message: message) }
        let noValue = "a value must follow here"
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                index += 1
                continue
            }
            if scalar == "\n" || scalar == "#" {
                if expectValue, valueRequiredOnLine { return problem(noValue) }
                if scalar == "#" {
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                } else {
                    newline()
                    index += 1
                }
                continue
            }
            // toml++ reads other spaces (U+0085, U+2028, …) as the end of a value, where it then assumes one.
            if scalar.properties.isWhitespace { return problem("a space other than ' ' or a tab outside a string") }
            if expectValue {
                if scalar == "," || scalar == "}" || (valueRequiredOnLine && scalar == "]") { return problem(noValue) }
                expectValue = false
                valueRequiredOnLine = false
                if isDigit(scalar), let bad = badDateTime(scalars, from: index) {
                    index = bad
                    return problem("a time must follow the date's 'T'")
                }
                if isDigit(scalar) || scalar == "+" || scalar == "-", let space = spaceInsideBareValue(scalars, from: index) {
                    index = space
                    return problem("a value may hold a space only between a date and its time")
                }
            }
            switch scalar {
            case "\"", "'":
                let triple = at(1) == scalar && at(2) == scalar
                index += triple ? 3 : 1
                while index < scalars.count {
                    let next = scalars[index]
                    if next == "\\", scalar == "\"" {
                        // An escape, or in a multi-line string a backslash that ends its line: that line still counts.
                        index += 1
                        if at(0) != "\n" { index += 1 }
                        continue
                    }
                    if next == "\n" {
                        if !triple { break }
                        newline()
                        atLineStart = false
                    }
                    if next == scalar, !triple || (at(1) == scalar && at(2) == scalar) {
                        index += triple ? 3 : 1
                        while triple, index < scalars.count, scalars[index] == scalar { index += 1 }
                        break
                    }
                    index += 1
                }
            case "[" where atLineStart && open.isEmpty:
                index += at(1) == "[" ? 2 : 1
                while at(0) == " " || at(0) == "\t" { index += 1 }
                if let next = at(0), !(isBareKeyCharacter(next) || next == "\"" || next == "'" || next == "]") {
                    return problem("a table name must follow '['")
                }
                // The rest of the header: its key may be quoted, but holds no bracket toml++ reads as a value.
                while index < scalars.count, scalars[index] != "\n", scalars[index] != "]" { index += 1 }
            case "[":
                open.append("[")
                expectValue = true
                index += 1
            case "{":
                open.append("{")
                index += 1
            case "]", "}":
                _ = open.popLast()
                index += 1
            case ",":
                if open.last == "[" { expectValue = true }
                index += 1
            case "=":
                expectValue = true
                valueRequiredOnLine = true
                index += 1
            default:
                index += 1
            }
            atLineStart = false
        }
        return expectValue && valueRequiredOnLine ? problem(noValue) : nil
    }

    /// `YYYY-MM-DDT` (or `t`) followed by anything but a digit: the index of that character.
    private static func badDateTime(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern: [(Unicode.Scalar) -> Bool] = [isDigit, isDigit, isDigit, isDigit, { $0 == "-" }, isDigit, isDigit, { $0 == "-" },
                                                   isDigit, isDigit, { $0 == "T" || $0 == "t" }]
        guard start + pattern.count <= scalars.count else { return nil }
        for (offset, matches) in pattern.enumerated() where !matches(scalars[start + offset]) { return nil }
        let after = start + pattern.count
        return after < scalars.count && isDigit(scalars[after]) ? nil : after
    }

    /// A number-like bare value followed by one space and a digit, when it is not a `YYYY-MM-DD` date (toml++
    /// then reads on as if for a date-time's time): the index of the space.
    private static func spaceInsideBareValue(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var end = start
        while end < scalars.count, !" \t\r\n,]}#".unicodeScalars.contains(scalars[end]) { end += 1 }
        guard end + 1 < scalars.count, scalars[end] == " ", isDigit(scalars[end + 1]) else { return nil }
        let token = Array(scalars[start..<end])
        let isDate = token.count == 10 && token.enumerated().allSatisfy { offset, scalar in offset == 4 || offset == 7 ? scalar == "-" : isDigit(scalar) }
        return isDate ? nil : end
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isBareKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }
}
