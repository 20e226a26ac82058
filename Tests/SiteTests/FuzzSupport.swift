import Foundation
import Testing

/// SplitMix64: a small, fast generator whose whole state is its seed, so one number makes an input again.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[Int.random(in: 0..<items.count, using: &self)]
    }
}

/// Runs a property over generated inputs for a bounded time. Each input is made from its own seed, printed with
/// every failure (and the run's first seed is printed before anything runs, so even a crash can be replayed):
/// `FUZZ_SEED=<seed> swift test --filter <test>` makes that input first. `FUZZ_SECONDS` lengthens a run
/// (default: about one second per property, so the suite stays quick in CI).
enum Fuzz {
    static let environment = ProcessInfo.processInfo.environment
    static let firstSeed: UInt64 = environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max / 2)
    static let seconds: Double = environment["FUZZ_SECONDS"].flatMap { Double($0) } ?? 1
    /// Asked for with `FUZZ_SECONDS`: properties that cap their inputs to stay quick then run for the time given.
    static let isLongRun = environment["FUZZ_SECONDS"] != nil
    /// An input that takes longer than this is reported: it would be a build that seems to hang.
    static let slowInput: Double = 2

    /// `generate` makes an input from a random source; `problems` lists what is wrong with the result for it.
    static func check(_ name: String, seconds: Double = seconds, maxInputs: Int = 100_000,
                      generate: (inout FuzzRandom) -> String, problems: (String) -> [String]) {
        print("fuzz \(name): first seed \(firstSeed), \(seconds) s")
        let start = Date()
        var failures = 0
        var count = 0
        while count < maxInputs, Date().timeIntervalSince(start) < seconds, failures < 3 {
            let seed = firstSeed &+ UInt64(count)
            var random = FuzzRandom(seed: seed)
            let input = generate(&random)
            let began = Date()
            var found = problems(input)
            let took = Date().timeIntervalSince(began)
            if took > slowInput { found.append("took \(String(format: "%.1f", took)) s") }
            if !found.isEmpty {
                failures += 1
                // `FUZZ_DUMP=<folder>`: the failing input whole, to build and profile outside the test.
                if let folder = environment["FUZZ_DUMP"] {
                    try? input.write(toFile: folder + "/\(name)-\(seed).md", atomically: true, encoding: .utf8)
                }
                Issue.record("\(name), seed \(seed) (FUZZ_SEED=\(seed)): \(found.prefix(5).joined(separator: "; "))\ninput: \(input.debugDescription.prefix(2000))")
            }
            count += 1
        }
        print("fuzz \(name): \(count) inputs")
        #expect(count > 0)
    }
}

/// The lines of a text as an editor shows them, for checking that a location is inside the file. Lines break at
/// `\n`, `\r\n` and a lone `\r` (as YAML, cmark and the splitter see them); U+0085, U+2028 and U+2029 are line
/// breaks for YAML only, and where the text has one only the bounds of a location are checked. Columns count
/// Unicode scalars, as YAML marks and link positions do.
struct FileLines {
    /// The length of each line.
    let lengths: [Int]
    /// The number of lines if the breaks only YAML knows are breaks too.
    let mostLines: Int

    init(_ text: String) {
        var lengths: [Int] = []
        var length = 0
        var unusual = 0
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\n":
                lengths.append(length)
                length = 0
            case "\r":
                if scalars.first == "\n" { scalars.removeFirst() }
                lengths.append(length)
                length = 0
            case "\u{85}", "\u{2028}", "\u{2029}":
                unusual += 1
                length += 1
            default:
                length += 1
            }
        }
        lengths.append(length)
        self.lengths = lengths
        mostLines = lengths.count + unusual
    }

    /// Line and column (1-based) name a character of the file or the place just after a line's end.
    func contains(line: Int, column: Int) -> Bool {
        guard line >= 1, column >= 1 else { return false }
        if mostLines > lengths.count {
            return line <= mostLines && column <= (lengths.max() ?? 0) + 1
        }
        return line <= lengths.count && column <= lengths[line - 1] + 1
    }
}
