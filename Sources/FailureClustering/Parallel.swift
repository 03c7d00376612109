import Dispatch

/// Chunked parallel loops whose results do not depend on thread timing: work is split into fixed chunks that
/// write disjoint outputs, and anything summed across chunks is combined afterwards in chunk order.
enum Parallel {
    /// Runs `body(chunk, range)` for each chunk of `0..<count` of `chunkSize` items, concurrently when there are
    /// several chunks. The split depends only on `count` and `chunkSize`, never on the number of cores.
    static func forEachChunk(count: Int, chunkSize: Int, _ body: (Int, Range<Int>) -> Void) {
        let chunkCount = self.chunkCount(count: count, chunkSize: chunkSize)
        if chunkCount <= 1 {
            if count > 0 { body(0, 0..<count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let body = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize
                body.value(chunk, start..<min(count, start + chunkSize))
            }
        }
    }

    /// The number of chunks `forEachChunk` makes.
    static func chunkCount(count: Int, chunkSize: Int) -> Int {
        count <= 0 ? 0 : (count + chunkSize - 1) / chunkSize
    }

    /// Runs `body(index)` for `0..<iterations` concurrently (inline when there is one).
    static func forEach(iterations: Int, _ body: (Int) -> Void) {
        if iterations == 1 {
            body(0)
        } else if iterations > 1 {
            withoutActuallyEscaping(body) { body in
                let body = UncheckedSendable(body)
                DispatchQueue.concurrentPerform(iterations: iterations) { body.value($0) }
            }
        }
    }
}

/// A mutable buffer shared by parallel chunks that write disjoint elements.
///
/// `@unchecked Sendable` is safe only under that rule: every user in this module writes each element from exactly
/// one chunk and reads shared elements only after the parallel loop has returned.
struct SharedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }

    var count: Int { self.buffer.count }

    subscript(index: Int) -> Element {
        get { self.buffer[index] }
        nonmutating set { self.buffer[index] = newValue }
    }
}

/// Lets a synchronous parallel loop hand its non-`Sendable` body to `concurrentPerform`.
///
/// `@unchecked Sendable` is safe here because `concurrentPerform` returns only after every iteration has finished
/// (the closure never outlives the call), and the bodies in this module only read shared inputs and write disjoint
/// outputs (see `SharedBuffer`).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
