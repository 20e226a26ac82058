import Foundation

extension Array where Element: Sendable {
    /// Maps every element on all cores and returns the results in the original order.
    /// Stages are pure functions over values, so this needs no locks beyond the result slots.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let slots = ResultSlots<T>(count: count)
        let chunks = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        self.withUnsafeBufferPointer { elements in
            nonisolated(unsafe) let elements = elements
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk
                while index < elements.count {
                    slots.store(transform(elements[index]), at: index)
                    index += chunks
                }
            }
        }
        return slots.values()
    }

    /// Like `concurrentMap`, for work that mostly waits on the disk (reading files that may not be in the page
    /// cache): `threads` threads, more than there are cores, keep more requests in flight. Not many more: each
    /// thread that allocates gets a malloc arena of its own, and eight raised peak memory by a quarter.
    public func ioConcurrentMap<T: Sendable>(threads: Int = 4, _ transform: @escaping @Sendable (Element) -> T) -> [T] {
        if count < 2 { return map(transform) }
        let slots = ResultSlots<T>(count: count)
        let workers = Swift.min(count, threads)
        let elements = self
        let group = DispatchGroup()
        for worker in 0..<workers {
            group.enter()
            // Threads of their own: Dispatch's pool is as wide as the cores, and these mostly wait.
            Thread.detachNewThread {
                var index = worker
                while index < elements.count {
                    slots.store(transform(elements[index]), at: index)
                    index += workers
                }
                group.leave()
            }
        }
        group.wait()
        return slots.values()
    }
}

/// One slot per result; each slot is written by exactly one worker, so writes never race.
/// A raw buffer rather than an array property: concurrent mutation of a class's array would trip
/// Swift's exclusivity checks even though the slots are disjoint.
private final class ResultSlots<T>: @unchecked Sendable {
    private let buffer: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ value: T, at index: Int) { buffer[index] = value }

    /// The results, moved out (called once, after every worker has finished): copying them would retain every
    /// reference they hold and release it again when the slots go.
    func values() -> [T] {
        let base = buffer.baseAddress!
        let moved = (0..<buffer.count).map { (base + $0).move()! }
        (base).initialize(repeating: nil, count: buffer.count)
        return moved
    }
}

/// Work started on a thread of its own, whose result is waited for later: the site-wide files (feeds, sitemap)
/// are made while the pages render, instead of after them on one core.
public final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: T?

    public init(_ work: @escaping @Sendable () -> T) {
        Thread.detachNewThread {
            self.result = work()
            self.done.signal()
        }
    }

    /// The result, once the work has finished (the semaphore orders the write before this read).
    public func wait() -> T {
        done.wait()
        return result!
    }
}

/// Runs two independent pieces of work at once (one on another core) and returns both results.
public func inParallel<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
    let other = BackgroundWork(second)
    return (first(), other.wait())
}
