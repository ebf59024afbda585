/// How the argument of a pickle opcode is laid out in the stream.
///
/// One case per argument descriptor of CPython's `Lib/pickletools.py` (named in each comment),
/// grouped where two descriptors are read the same way.
enum PickleArgumentLayout: Sendable, Equatable {
    /// No argument.
    case none
    /// A fixed number of little-endian bytes: `uint1`, `uint2`, `int4`, `uint4`, `uint8`, `float8`.
    case fixed(byteCount: Int)
    /// A length prefix of `lengthByteCount` little-endian bytes, then that many payload bytes:
    /// `long1`, `long4`, `string1`, `string4`, `bytes1/4/8`, `bytearray8`.
    case counted(lengthByteCount: Int, signedLength: Bool)
    /// As ``counted(lengthByteCount:signedLength:)``, and the payload must be UTF-8:
    /// `unicodestring1/4/8`.
    case countedUTF8(lengthByteCount: Int)
    /// A decimal integer on one line: `decimalnl_short` and `decimalnl_long` (which may end in `L`).
    case decimalLine(allowsLongSuffix: Bool)
    /// A float literal on one line: `floatnl`.
    case floatLine
    /// A quoted, backslash-escaped byte string on one line: `stringnl`.
    case quotedStringLine
    /// One unquoted line, backslash-escaped: `stringnl_noescape`.
    case textLine
    /// Two unquoted lines, a module and a name: `stringnl_noescape_pair`.
    case textLinePair
    /// One line of `raw-unicode-escape` text: `unicodestringnl`.
    case rawUnicodeEscapeLine
}

extension PickleOpcode {
    /// The layout of the argument that follows this opcode.
    var argumentLayout: PickleArgumentLayout {
        switch self {
        case .int, .get, .put: .decimalLine(allowsLongSuffix: false)
        case .long: .decimalLine(allowsLongSuffix: true)
        case .float: .floatLine
        case .string: .quotedStringLine
        case .persId: .textLine
        case .global, .inst: .textLinePair
        case .unicode: .rawUnicodeEscapeLine
        case .binInt1, .binGet, .binPut, .ext1, .proto: .fixed(byteCount: 1)
        case .binInt2, .ext2: .fixed(byteCount: 2)
        case .binInt, .longBinGet, .longBinPut, .ext4: .fixed(byteCount: 4)
        case .binFloat, .frame: .fixed(byteCount: 8)
        case .long1, .shortBinString, .shortBinBytes: .counted(lengthByteCount: 1, signedLength: false)
        case .long4, .binString: .counted(lengthByteCount: 4, signedLength: true)
        case .binBytes: .counted(lengthByteCount: 4, signedLength: false)
        case .binBytes8, .byteArray8: .counted(lengthByteCount: 8, signedLength: false)
        case .shortBinUnicode: .countedUTF8(lengthByteCount: 1)
        case .binUnicode: .countedUTF8(lengthByteCount: 4)
        case .binUnicode8: .countedUTF8(lengthByteCount: 8)
        case .nextBuffer, .readOnlyBuffer, .none, .newTrue, .newFalse, .emptyList, .append, .appends, .list,
            .emptyTuple, .tuple, .tuple1, .tuple2, .tuple3, .emptyDict, .dict, .setItem, .setItems, .emptySet,
            .addItems, .frozenSet, .pop, .dup, .mark, .popMark, .memoize, .stackGlobal, .reduce, .build, .obj,
            .newObj, .newObjEx, .stop, .binPersId:
            .none
        }
    }
}
