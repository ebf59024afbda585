import NIOCore

/// Cuts a stream of chunks of any size into parts of exactly `partSize` bytes, holding at most one part.
///
/// Feed each chunk with ``fill(from:)`` until it returns `nil`; each non-`nil` result is a full part.
/// At the end, ``remainder()`` is the last, shorter part (possibly empty).
struct S3PartBuffer {
    let partSize: Int
    private var pending: ByteBuffer

    init(partSize: Int) {
        precondition(partSize > 0, "partSize must be positive")
        self.partSize = partSize
        self.pending = ByteBuffer()
    }

    /// Bytes held and not yet returned as a part.
    var bufferedBytes: Int { pending.readableBytes }

    /// Moves bytes from `chunk` into the buffer; returns a full part once there are `partSize` bytes.
    /// Call again with the same chunk until it returns `nil`: then `chunk` is used up.
    mutating func fill(from chunk: inout ByteBuffer) -> ByteBuffer? {
        // A chunk that covers a whole part on its own is sliced, not copied.
        if pending.readableBytes == 0, chunk.readableBytes >= partSize {
            return chunk.readSlice(length: partSize)
        }
        let wanted = partSize - pending.readableBytes
        if chunk.readableBytes < wanted {
            // The buffer grows as bytes arrive, so a small file never reserves a whole part.
            pending.writeBuffer(&chunk)
            return nil
        }
        var piece = chunk.readSlice(length: wanted)!
        pending.writeBuffer(&piece)
        defer { pending = ByteBuffer() }
        return pending
    }

    /// The bytes left over at the end of the stream: the last part, shorter than `partSize`.
    mutating func remainder() -> ByteBuffer {
        defer { pending = ByteBuffer() }
        return pending
    }
}
