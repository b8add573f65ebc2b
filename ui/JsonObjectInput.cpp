#include "JsonObjectInput.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace hookline {

namespace {

// Qt's messages name the parser's state ("unterminated object"); these say what to type.
QString describe(const QJsonParseError &error)
{
    switch (error.error) {
    case QJsonParseError::UnterminatedObject:
        return JsonObjectInput::tr("a comma or a closing } is missing");
    case QJsonParseError::MissingNameSeparator:
        return JsonObjectInput::tr("a colon is missing after the field name");
    case QJsonParseError::UnterminatedArray:
        return JsonObjectInput::tr("a comma or a closing ] is missing");
    case QJsonParseError::MissingValueSeparator:
        return JsonObjectInput::tr("a comma is missing between two values");
    case QJsonParseError::IllegalValue:
    case QJsonParseError::IllegalNumber: // anything that starts no other value
        return JsonObjectInput::tr("this is not a JSON value (text needs double quotes; true, "
                                   "false and null are lowercase)");
    case QJsonParseError::TerminationByNumber:
        return JsonObjectInput::tr("the text ends inside a number; a closing } is missing");
    case QJsonParseError::IllegalEscapeSequence:
        return JsonObjectInput::tr("this escape sequence is not valid in a string");
    case QJsonParseError::IllegalUTF8String:
        return JsonObjectInput::tr("a string holds invalid UTF-8");
    case QJsonParseError::UnterminatedString:
        return JsonObjectInput::tr("a string is not closed with a double quote");
    case QJsonParseError::MissingObject:
        return JsonObjectInput::tr("a value or a field is missing here (a comma too many?)");
    case QJsonParseError::GarbageAtEnd:
        return JsonObjectInput::tr("there is more text after the closing }");
    case QJsonParseError::NoError:
    case QJsonParseError::DeepNesting:
    case QJsonParseError::DocumentTooLarge:
        break;
    }
    return error.errorString();
}

} // namespace

JsonObjectInput JsonObjectInput::parse(const QString &text, bool emptyIsObject)
{
    JsonObjectInput input;
    if (text.trimmed().isEmpty()) {
        if (emptyIsObject)
            input.object = QJsonObject();
        else
            input.problem = tr("Enter a JSON object; {} sends an empty one.");
        return input;
    }
    const QByteArray utf8 = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &error);
    if (error.error != QJsonParseError::NoError) {
        // The parser's offset is in bytes of UTF-8 and, for most errors, just past the
        // character it stopped at; people count lines and characters from that character.
        const bool atOffset = error.error == QJsonParseError::IllegalNumber ||
                              error.error == QJsonParseError::GarbageAtEnd;
        const QByteArray before = utf8.left(std::max(0, error.offset - (atOffset ? 0 : 1)));
        const qsizetype lineStart = before.lastIndexOf('\n') + 1;
        input.line = int(before.count('\n')) + 1;
        input.column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
        input.position = int(QString::fromUtf8(before).size());
        input.problem = tr("Not valid JSON at line %1, column %2 (offset %3): %4.")
                            .arg(input.line)
                            .arg(input.column)
                            .arg(input.position)
                            .arg(describe(error));
        return input;
    }
    if (!doc.isObject()) {
        input.problem =
            tr("Must be a JSON object in braces, like {\"id\": \"123\"}, not an array.");
        return input;
    }
    input.object = doc.object();
    return input;
}

} // namespace hookline
