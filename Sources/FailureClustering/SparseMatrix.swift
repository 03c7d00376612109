/// A sparse matrix in compressed sparse row (CSR) form: the documents-by-terms TF-IDF matrix k-means runs on.
///
/// Row `i`'s entries are `columnIndices[rowOffsets[i]..<rowOffsets[i + 1]]` with `values` at the same positions,
/// in increasing column order. Values are `Float` (TF-IDF weights lie in 0...1, where `Float` keeps 7 significant
/// digits) to halve memory and double SIMD width; sums that matter (norms, inertia, idf) are taken in `Double`.
package struct SparseMatrix: Sendable, Hashable {
    /// Number of rows (documents).
    package let rowCount: Int
    /// Number of columns (terms).
    package let columnCount: Int
    /// `rowCount + 1` offsets into `columnIndices` and `values`; the first is 0, the last `nonZeroCount`.
    package let rowOffsets: [Int]
    /// Column of each stored entry.
    package let columnIndices: [Int32]
    /// Value of each stored entry.
    package let values: [Float]

    /// A matrix from its CSR arrays.
    ///
    /// - Precondition: the arrays are consistent (offsets non-decreasing from 0 to the entry count, columns in range).
    package init(rowCount: Int, columnCount: Int, rowOffsets: [Int], columnIndices: [Int32], values: [Float]) {
        precondition(rowOffsets.count == rowCount + 1, "rowOffsets must have rowCount + 1 entries")
        precondition(rowOffsets.first == 0 && rowOffsets.last == columnIndices.count, "bad row offsets")
        precondition(columnIndices.count == values.count, "one value per column index")
        precondition(columnCount >= 0 && columnCount <= Int(Int32.max), "column count out of range")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowOffsets = rowOffsets
        self.columnIndices = columnIndices
        self.values = values
    }

    /// A matrix from dense rows, keeping the non-zero entries (for tests and small inputs).
    package init(denseRows: [[Double]], columnCount: Int) {
        var offsets = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        for row in denseRows {
            precondition(row.count == columnCount, "every row needs columnCount values")
            for (column, value) in row.enumerated() where value != 0 {
                columns.append(Int32(column))
                values.append(Float(value))
            }
            offsets.append(columns.count)
        }
        self.init(
            rowCount: denseRows.count, columnCount: columnCount, rowOffsets: offsets, columnIndices: columns,
            values: values)
    }

    /// Number of stored entries.
    package var nonZeroCount: Int { self.values.count }

    /// Row `index` as (column, value) pairs in column order.
    package func row(_ index: Int) -> [(column: Int, value: Double)] {
        (self.rowOffsets[index]..<self.rowOffsets[index + 1]).map {
            (Int(self.columnIndices[$0]), Double(self.values[$0]))
        }
    }

    /// Row `index` as a dense array of `columnCount` values.
    package func denseRow(_ index: Int) -> [Double] {
        var dense = [Double](repeating: 0, count: self.columnCount)
        for entry in self.rowOffsets[index]..<self.rowOffsets[index + 1] {
            dense[Int(self.columnIndices[entry])] = Double(self.values[entry])
        }
        return dense
    }

    /// The squared Euclidean norm of every row, summed in `Double`.
    ///
    /// - Complexity: O(nonZeroCount).
    package func rowSquaredNorms() -> [Double] {
        (0..<self.rowCount).map { row in
            var sum = 0.0
            for entry in self.rowOffsets[row]..<self.rowOffsets[row + 1] {
                let value = Double(self.values[entry])
                sum += value * value
            }
            return sum
        }
    }

    /// The sub-matrix made of `rows`, in the order given (rows may repeat).
    ///
    /// - Complexity: O(rows.count + entries copied).
    package func selectingRows(_ rows: [Int]) -> SparseMatrix {
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        var columns: [Int32] = []
        var values: [Float] = []
        for row in rows {
            let range = self.rowOffsets[row]..<self.rowOffsets[row + 1]
            columns.append(contentsOf: self.columnIndices[range])
            values.append(contentsOf: self.values[range])
            offsets.append(columns.count)
        }
        return SparseMatrix(
            rowCount: rows.count, columnCount: self.columnCount, rowOffsets: offsets, columnIndices: columns,
            values: values)
    }
}
