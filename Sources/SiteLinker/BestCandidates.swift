/// The best `limit` candidates seen so far, best first: the highest score, then the smallest position.
/// Offering a candidate that cannot make the list costs one comparison, so thousands can be offered per page.
struct BestCandidates {
    let limit: Int
    /// Score and position packed so that a smaller key is a better candidate: (max − score) above, position below.
    private(set) var keys: [UInt64] = []

    init(limit: Int) {
        self.limit = limit
        keys.reserveCapacity(limit)
    }

    static func key(score: UInt32, position: Int32) -> UInt64 {
        UInt64(UInt32.max - score) << 32 | UInt64(UInt32(position))
    }

    mutating func offer(score: UInt32, position: Int32) {
        guard limit > 0 else { return }
        let key = Self.key(score: score, position: position)
        if keys.count == limit {
            guard key < keys[limit - 1] else { return }
            keys.removeLast()
        }
        // Insertion into a short sorted list: `limit` is a handful (relatedLimit).
        var slot = keys.count
        while slot > 0, keys[slot - 1] > key { slot -= 1 }
        keys.insert(key, at: slot)
    }

    /// The positions, best first.
    var positions: [Int32] { keys.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) } }

    mutating func removeAll() { keys.removeAll(keepingCapacity: true) }
}
