#if os(Linux)
    import Glibc
#endif

/// Asks for the heap a start-up fills (the graph, the matcher's tables: several MB) to be backed by
/// 2 MB pages where the kernel offers them for memory that asks (`transparent_hugepage` set to
/// `madvise` or `always`).
///
/// Every fresh 4 KB page costs a fault, 5–10 µs on a virtual machine, and loading the knowledge
/// touched about 1,300 of them: more than a third of a start-up. One 2 MB page is one fault.
///
/// What this does, before the knowledge is loaded: glibc's allocator is told to grow the heap in
/// one large step and to serve large blocks from the heap rather than from fresh mappings of
/// their own; the part of the heap below the next 2 MB boundary is set aside (it is never
/// touched, so it costs address space only), and the rest is marked for huge pages. Where the
/// kernel has none to give, nothing changes but that.
enum HugePageHeap {
    /// How far the heap grows at once: more than a batch run ever uses, so every block lies in
    /// the marked part (growing it later would add memory that is not marked).
    static let reserve = 64 << 20
    static let hugePage = 2 << 20

    /// Prepares the heap once; later calls do nothing.
    static func prepare() {
        _ = prepared
    }

    private static let prepared: Bool = {
        #if os(Linux)
            // <malloc.h> is not part of the Glibc module; `nil` is RTLD_DEFAULT.
            guard let symbol = dlsym(nil, "mallopt") else { return false }
            let mallopt = unsafeBitCast(
                symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            let topPad: Int32 = -2
            let mmapThreshold: Int32 = -3
            guard mallopt(mmapThreshold, Int32(reserve / 2)) == 1,
                mallopt(topPad, Int32(reserve)) == 1
            else { return false }
            // A block well above the allocator's small-block caches comes from the top of the
            // heap, so freeing it gives its place back there and it shows where the top starts.
            guard let probe = malloc(64 << 10) else { return false }
            free(probe)
            let chunkHeader = 2 * MemoryLayout<Int>.size
            let top = Int(bitPattern: probe) - chunkHeader
            var gap = (top + hugePage - 1) / hugePage * hugePage - top
            if gap < 4 * chunkHeader { gap += hugePage }
            // The block that fills the heap up to the boundary, so that the next one starts on it.
            // It is never freed: freed, its untouched space would be handed out again.
            guard malloc(gap - MemoryLayout<Int>.size) != nil, let end = sbrk(0) else {
                return false
            }
            let boundary = top + gap
            let length = Int(bitPattern: end) - boundary
            guard length > 0, let start = UnsafeMutableRawPointer(bitPattern: boundary) else {
                return false
            }
            return madvise(start, length, MADV_HUGEPAGE) == 0
        #else
            return false
        #endif
    }()
}
