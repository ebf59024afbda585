/// The opcodes of the pickle virtual machine, protocols 0 to 5.
///
/// The raw value is the byte that introduces the opcode in a stream. The set and the spellings
/// are those of the `opcodes` table in CPython's `Lib/pickletools.py`; ``argumentLayout`` says
/// how many bytes of argument follow each one.
enum PickleOpcode: UInt8, CaseIterable, Sendable {
    // Integers.
    case int = 0x49  // "I"
    case binInt = 0x4A  // "J"
    case binInt1 = 0x4B  // "K"
    case binInt2 = 0x4D  // "M"
    case long = 0x4C  // "L"
    case long1 = 0x8A
    case long4 = 0x8B

    // Byte strings and buffers.
    case string = 0x53  // "S"
    case binString = 0x54  // "T"
    case shortBinString = 0x55  // "U"
    case binBytes = 0x42  // "B"
    case shortBinBytes = 0x43  // "C"
    case binBytes8 = 0x8E
    case byteArray8 = 0x96
    case nextBuffer = 0x97
    case readOnlyBuffer = 0x98

    // Constants.
    case none = 0x4E  // "N"
    case newTrue = 0x88
    case newFalse = 0x89

    // Text strings.
    case unicode = 0x56  // "V"
    case shortBinUnicode = 0x8C
    case binUnicode = 0x58  // "X"
    case binUnicode8 = 0x8D

    // Floats.
    case float = 0x46  // "F"
    case binFloat = 0x47  // "G"

    // Containers.
    case emptyList = 0x5D  // "]"
    case append = 0x61  // "a"
    case appends = 0x65  // "e"
    case list = 0x6C  // "l"
    case emptyTuple = 0x29  // ")"
    case tuple = 0x74  // "t"
    case tuple1 = 0x85
    case tuple2 = 0x86
    case tuple3 = 0x87
    case emptyDict = 0x7D  // "}"
    case dict = 0x64  // "d"
    case setItem = 0x73  // "s"
    case setItems = 0x75  // "u"
    case emptySet = 0x8F
    case addItems = 0x90
    case frozenSet = 0x91

    // Stack manipulation.
    case pop = 0x30  // "0"
    case dup = 0x32  // "2"
    case mark = 0x28  // "("
    case popMark = 0x31  // "1"

    // Memo.
    case get = 0x67  // "g"
    case binGet = 0x68  // "h"
    case longBinGet = 0x6A  // "j"
    case put = 0x70  // "p"
    case binPut = 0x71  // "q"
    case longBinPut = 0x72  // "r"
    case memoize = 0x94

    // Extension registry.
    case ext1 = 0x82
    case ext2 = 0x83
    case ext4 = 0x84

    // Globals and object construction.
    case global = 0x63  // "c"
    case stackGlobal = 0x93
    case reduce = 0x52  // "R"
    case build = 0x62  // "b"
    case inst = 0x69  // "i"
    case obj = 0x6F  // "o"
    case newObj = 0x81
    case newObjEx = 0x92

    // Machine control.
    case proto = 0x80
    case stop = 0x2E  // "."
    case frame = 0x95

    // Persistent IDs.
    case persId = 0x50  // "P"
    case binPersId = 0x51  // "Q"

    /// The name `pickletools` gives the opcode, for messages.
    var pickletoolsName: String {
        switch self {
        case .int: "INT"
        case .binInt: "BININT"
        case .binInt1: "BININT1"
        case .binInt2: "BININT2"
        case .long: "LONG"
        case .long1: "LONG1"
        case .long4: "LONG4"
        case .string: "STRING"
        case .binString: "BINSTRING"
        case .shortBinString: "SHORT_BINSTRING"
        case .binBytes: "BINBYTES"
        case .shortBinBytes: "SHORT_BINBYTES"
        case .binBytes8: "BINBYTES8"
        case .byteArray8: "BYTEARRAY8"
        case .nextBuffer: "NEXT_BUFFER"
        case .readOnlyBuffer: "READONLY_BUFFER"
        case .none: "NONE"
        case .newTrue: "NEWTRUE"
        case .newFalse: "NEWFALSE"
        case .unicode: "UNICODE"
        case .shortBinUnicode: "SHORT_BINUNICODE"
        case .binUnicode: "BINUNICODE"
        case .binUnicode8: "BINUNICODE8"
        case .float: "FLOAT"
        case .binFloat: "BINFLOAT"
        case .emptyList: "EMPTY_LIST"
        case .append: "APPEND"
        case .appends: "APPENDS"
        case .list: "LIST"
        case .emptyTuple: "EMPTY_TUPLE"
        case .tuple: "TUPLE"
        case .tuple1: "TUPLE1"
        case .tuple2: "TUPLE2"
        case .tuple3: "TUPLE3"
        case .emptyDict: "EMPTY_DICT"
        case .dict: "DICT"
        case .setItem: "SETITEM"
        case .setItems: "SETITEMS"
        case .emptySet: "EMPTY_SET"
        case .addItems: "ADDITEMS"
        case .frozenSet: "FROZENSET"
        case .pop: "POP"
        case .dup: "DUP"
        case .mark: "MARK"
        case .popMark: "POP_MARK"
        case .get: "GET"
        case .binGet: "BINGET"
        case .longBinGet: "LONG_BINGET"
        case .put: "PUT"
        case .binPut: "BINPUT"
        case .longBinPut: "LONG_BINPUT"
        case .memoize: "MEMOIZE"
        case .ext1: "EXT1"
        case .ext2: "EXT2"
        case .ext4: "EXT4"
        case .global: "GLOBAL"
        case .stackGlobal: "STACK_GLOBAL"
        case .reduce: "REDUCE"
        case .build: "BUILD"
        case .inst: "INST"
        case .obj: "OBJ"
        case .newObj: "NEWOBJ"
        case .newObjEx: "NEWOBJ_EX"
        case .proto: "PROTO"
        case .stop: "STOP"
        case .frame: "FRAME"
        case .persId: "PERSID"
        case .binPersId: "BINPERSID"
        }
    }
}
