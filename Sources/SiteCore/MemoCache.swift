import Foundation

/// A value made once per key and shared by threads: the first caller makes it, later callers reuse it.
/// (Two threads may make the same value at once; both results are equal, so either may be kept.)
public final class MemoCache<Key: Hashable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    public init() {}

    public func value(for key: Key, make: () -> Value) -> Value {
        lock.lock()
        if let found = values[key] { lock.unlock(); return found }
        lock.unlock()
        let made = make()
        lock.lock()
        values[key] = made
        lock.unlock()
        return made
    }
}
