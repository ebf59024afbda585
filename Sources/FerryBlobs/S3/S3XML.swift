import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a small XML document, as S3 returns them: a name, its text, its children.
/// Attributes and namespaces are dropped; S3's responses carry their data in elements.
struct S3XMLNode: Sendable, Equatable {
    var name: String
    var text: String = ""
    var children: [S3XMLNode] = []

    /// The first child named `name`.
    func child(_ name: String) -> S3XMLNode? {
        children.first { $0.name == name }
    }

    /// Every child named `name`, in document order.
    func children(_ name: String) -> [S3XMLNode] {
        children.filter { $0.name == name }
    }

    /// The text of the first child named `name`.
    func text(of name: String) -> String? {
        child(name)?.text
    }

    /// Parses a document; `nil` when it is not well-formed XML.
    static func parse(_ bytes: [UInt8]) -> S3XMLNode? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }
}

/// Collects XMLParser's events into an ``S3XMLNode`` tree. Used by one parse on one thread only.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private var stack: [S3XMLNode] = []
    private(set) var root: S3XMLNode?

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        stack.append(S3XMLNode(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let finished = stack.popLast() else { return }
        if stack.isEmpty {
            root = finished
        } else {
            stack[stack.count - 1].children.append(finished)
        }
    }
}
