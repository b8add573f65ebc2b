#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace hookline {

// A JSON object as a user typed it, or where and why it is not one.
struct JsonObjectInput {
    Q_DECLARE_TR_FUNCTIONS(hookline::JsonObjectInput)

public:
    std::optional<QJsonObject> object;
    QString problem; // empty when `object` is set
    // Where the problem is, in characters of the text (for a marker); -1 when not at one place.
    int position = -1;
    int line = 0;   // 1-based; 0 when `position` is -1
    int column = 0; // 1-based, in characters

    // `emptyIsObject`: an empty text stands for {} (an optional sample), else it is a problem.
    static JsonObjectInput parse(const QString &text, bool emptyIsObject);
};

} // namespace hookline
