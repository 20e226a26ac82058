extension Array {
    /// Reorders the array so that position `i` holds the element that was at `order[i]`, by swaps along the
    /// permutation's cycles: each element is moved, none copied (a `Page` copy retains a dozen references).
    mutating func permute(into order: [Int]) {
        precondition(order.count == count && Set(order).count == count, "not a permutation of the indices")
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] {
            // The element that was at `start` travels along the cycle until the position that wants it.
            var position = start
            while true {
                placed[position] = true
                let source = order[position]
                if source == start { break }
                swapAt(position, source)
                position = source
            }
        }
    }
}
