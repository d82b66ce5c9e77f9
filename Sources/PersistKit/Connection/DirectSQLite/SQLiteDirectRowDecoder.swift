import SQLiteKit
import SQLiteNIO

/// Decodes a `Decodable` from an ``SQLiteDirectRow`` by column name: what SQLKit's `SQLRowDecoder`
/// (default keys, no prefix) gives, with the same conversions (SQLiteKit's `SQLiteDataDecoder`),
/// without its generic layers for the common column types. A server decodes every row of every
/// request this way.
struct SQLiteDirectRowDecoder: Decoder {
    let row: SQLiteDirectRow
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "a row decodes by column name only"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: [], debugDescription: "a row decodes by column name only"))
    }

    /// The row's columns as a keyed container.
    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: SQLiteDirectRow
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { row.columns.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { row.columns.contains(key.stringValue) }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key) == .null }

        func decode(_ type: String.Type, forKey key: Key) throws -> String { try convert(key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try convert(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try convert(key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try convert(key) }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try convert(key) }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try convertIfPresent(key) }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try convertIfPresent(key) }
        func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try convertIfPresent(key) }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try convertIfPresent(key) }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try convertIfPresent(key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try SQLiteDataDecoder().decode(T.self, from: value(key))
        }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard contains(key), try value(key) != .null else { return nil }
            return try decode(T.self, forKey: key)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a column holds one value"))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "a column holds one value"))
        }

        func superDecoder() throws -> any Decoder { SQLiteDirectRowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { SQLiteDirectRowDecoder(row: row) }

        private func value(_ key: Key) throws -> SQLiteData {
            guard let index = row.columns.firstIndex(of: key.stringValue) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no column \(key.stringValue) in the row"))
            }
            return row.values[index]
        }

        /// The column converted as `SQLiteDataDecoder` converts it (`init?(sqliteData:)`).
        private func convert<T: SQLiteDataConvertible>(_ key: Key) throws -> T {
            let data = try value(key)
            guard let converted = T(sqliteData: data) else {
                throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "Could not convert SQLite data to \(T.self): \(data)."))
            }
            return converted
        }

        private func convertIfPresent<T: SQLiteDataConvertible>(_ key: Key) throws -> T? {
            guard contains(key), try value(key) != .null else { return nil }
            return try convert(key) as T
        }
    }
}
