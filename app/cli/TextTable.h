#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace hookline::cli {

// A plain-text table for terminals: a header row, columns padded to their widest cell, cells
// longer than a column's maximum width cut with "…". Control characters in cells (line breaks,
// tabs, escape sequences) are replaced with spaces so one row stays one line.
class TextTable {
public:
    enum class Align { Left, Right };

    explicit TextTable(const QStringList &header);

    // 0: unlimited. Widths count characters (QChar units).
    void setMaxWidth(int column, int width);
    void setAlignment(int column, Align align);
    // Missing cells are blank; extra cells are ignored.
    void addRow(const QStringList &cells);

    int columnCount() const { return int(m_header.size()); }
    int rowCount() const { return int(m_rows.size()); }
    bool isEmpty() const { return m_rows.isEmpty(); }

    // Every line ends with '\n'; no line has trailing spaces.
    QString render() const;

    // Cuts `text` to at most `width` characters, ending in "…" when something was cut.
    static QString truncate(const QString &text, int width);
    // One line of printable text: control characters become spaces.
    static QString singleLine(const QString &text);

private:
    QString cell(const QStringList &row, int column) const;

    QStringList m_header;
    QList<QStringList> m_rows;
    QList<int> m_maxWidths;
    QList<Align> m_align;
};

} // namespace hookline::cli
