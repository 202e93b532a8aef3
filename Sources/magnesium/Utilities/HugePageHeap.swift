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
///
/// Once the knowledge is loaded, ``settle()`` sets the allocator back to its usual steps: with the
/// large step kept, no heap ever gave back what it freed, and a batch's memos and read-ahead
/// (on a second thread, with a heap of its own) kept their high-water mark as resident memory,
/// about 2 MB more of it.
enum HugePageHeap {
    /// How far the heap grows at once: more than a batch run ever uses, so every block lies in
    /// the marked part (growing it later would add memory that is not marked).
    static let reserve = 64 << 20
    static let hugePage = 2 << 20
    /// Larger than any block freed before the knowledge is loaded.
    static let probeSize = 1 << 20
    static let pageSize = 4096

    /// glibc's `M_TOP_PAD` by default: 128 KB.
    static let usualTopPad = 128 << 10

    /// Prepares the heap once; later calls do nothing.
    static func prepare() {
        _ = prepared
    }

    /// Sets the heaps back to growing and shrinking by small steps, after the start-up that
    /// ``prepare()`` made ready; does nothing where that did nothing. Call it after ``prepare()``:
    /// called first, it would prepare the heap itself.
    static func settle() {
        #if os(Linux)
            guard prepared, let mallopt = Allocator.mallopt else { return }
            _ = mallopt(Allocator.topPad, Int32(usualTopPad))
        #endif
    }

    private static let prepared: Bool = {
        #if os(Linux)
            // <malloc.h> is not part of the Glibc module; `nil` is RTLD_DEFAULT. malloc and free
            // are called through pointers too: called by name, the optimiser knows them, and may
            // take two blocks for different places however the allocator placed them.
            guard let mallopt = Allocator.mallopt,
                let mallocSymbol = dlsym(nil, "malloc"), let freeSymbol = dlsym(nil, "free")
            else { return false }
            let malloc = unsafeBitCast(
                mallocSymbol, to: (@convention(c) (Int) -> UnsafeMutableRawPointer?).self)
            let free = unsafeBitCast(
                freeSymbol, to: (@convention(c) (UnsafeMutableRawPointer?) -> Void).self)
            guard mallopt(Allocator.mmapThreshold, Int32(reserve / 2)) == 1,
                mallopt(Allocator.topPad, Int32(reserve)) == 1
            else { return false }
            // A block larger than any the heap has freed so far comes from its top, so freeing it
            // gives its place back there and it shows where the top starts.
            guard let probe = malloc(probeSize) else { return false }
            free(probe)
            let chunkHeader = 2 * MemoryLayout<Int>.size
            let top = Int(bitPattern: probe) - chunkHeader
            // The boundary lies past every byte the probe touched: a 2 MB stretch that has one
            // page in use already is filled with 4 KB pages, marked or not.
            var gap = (top + hugePage - 1) / hugePage * hugePage - top
            if gap < probeSize + 2 * pageSize { gap += hugePage }
            let boundary = top + gap
            guard let end = sbrk(0), Int(bitPattern: end) > boundary,
                let start = UnsafeMutableRawPointer(bitPattern: boundary),
                madvise(start, Int(bitPattern: end) - boundary, MADV_HUGEPAGE) == 0
            else { return false }
            // The block that fills the heap up to the boundary, so that the next one starts on it
            // (marked first: allocating it writes the next block's header on the boundary). It is
            // never freed: freed, its untouched space would be handed out again.
            guard let filler = malloc(gap - MemoryLayout<Int>.size) else { return false }
            guard filler == probe else {
                free(filler)
                return false
            }
            return true
        #else
            return false
        #endif
    }()

    #if os(Linux)
        /// glibc's `mallopt` and the two settings used, from <malloc.h>.
        private enum Allocator {
            static let topPad: Int32 = -2
            static let mmapThreshold: Int32 = -3
            static let mallopt: (@convention(c) (Int32, Int32) -> Int32)? = dlsym(nil, "mallopt")
                .map { unsafeBitCast($0, to: (@convention(c) (Int32, Int32) -> Int32).self) }
        }
    #endif
}
