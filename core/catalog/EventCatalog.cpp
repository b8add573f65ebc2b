#include "EventCatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <iterator>
#include <utility>

// The built-in catalogs live in resources/events/events.qrc, compiled into the same library as
// this file. A static library's resource object is only linked in when something refers to it,
// so register it explicitly. Q_INIT_RESOURCE has to be used outside any namespace.
static void initEventResources()
{
    Q_INIT_RESOURCE(events);
}

namespace hookline {

namespace {

constexpr int MaxCustomNameLength = 100;
constexpr int MaxCustomDescriptionLength = 500;

// Where the built-in provider documents are, and the order their providers are listed in.
// Providers not named here follow, in file name order.
const char *const BuiltinDirectory = ":/hookline/events";
constexpr const char *BuiltinProviderOrder[] = {"suresend", "sendkit", "saleshandy", "zyntro",
                                                "callbridge"};

const QRegularExpression &customNamePattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(
        QStringLiteral("[A-Za-z][A-Za-z0-9_.:\\-]{0,%1}").arg(MaxCustomNameLength - 1)));
    return pattern;
}

Error invalidDocument(const QString &sourceName, const QString &message)
{
    return Error{ErrorCode::InvalidArgument, sourceName, message};
}

// The value of `key` when it is a string with something besides spaces in it.
std::optional<QString> nonEmptyString(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (!value.isString() || value.toString().trimmed().isEmpty())
        return std::nullopt;
    return value.toString();
}

int builtinRank(const QString &providerId)
{
    const auto begin = std::begin(BuiltinProviderOrder);
    const auto end = std::end(BuiltinProviderOrder);
    const auto it = std::find_if(
        begin, end, [&providerId](const char *id) { return providerId == QLatin1String(id); });
    return int(std::distance(begin, it));
}

// Parses one provider document; also hands back its provider id, which an empty catalog
// could not tell.
Result<EventCatalog> parseProviderDocument(const QByteArray &json, const QString &sourceName,
                                           QString *providerId)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalidDocument(sourceName, QStringLiteral("not valid JSON: %1 at offset %2")
                                               .arg(parseError.errorString())
                                               .arg(parseError.offset));
    if (!document.isObject())
        return invalidDocument(sourceName,
                               QStringLiteral("the document must be a JSON object with "
                                              "\"provider\", \"title\" and \"categories\""));
    const QJsonObject root = document.object();

    const std::optional<QString> provider = nonEmptyString(root, QStringLiteral("provider"));
    if (!provider)
        return invalidDocument(sourceName,
                               QStringLiteral("\"provider\" is required and must be a non-empty "
                                              "string (the provider id, e.g. \"sendkit\")"));
    if (*provider == QLatin1String("custom"))
        return invalidDocument(sourceName,
                               QStringLiteral("\"provider\" must not be \"custom\": that id is "
                                              "reserved for user-defined event types"));
    const std::optional<QString> title = nonEmptyString(root, QStringLiteral("title"));
    if (!title)
        return invalidDocument(sourceName,
                               QStringLiteral("\"title\" is required and must be a non-empty "
                                              "string (the provider's display name)"));
    const QJsonValue categoriesValue = root.value(QStringLiteral("categories"));
    if (!categoriesValue.isArray())
        return invalidDocument(sourceName,
                               QStringLiteral("\"categories\" is required and must be an array"));

    EventCatalog catalog;
    const QJsonArray categories = categoriesValue.toArray();
    for (qsizetype i = 0; i < categories.size(); ++i) {
        const QString categoryPath = QStringLiteral("categories[%1]").arg(i);
        if (!categories.at(i).isObject())
            return invalidDocument(sourceName, categoryPath + QStringLiteral(" must be an object"));
        const QJsonObject category = categories.at(i).toObject();
        const std::optional<QString> categoryName =
            nonEmptyString(category, QStringLiteral("name"));
        if (!categoryName)
            return invalidDocument(sourceName,
                                   categoryPath + QStringLiteral(".name is required and must "
                                                                 "be a non-empty string"));
        const QJsonValue eventsValue = category.value(QStringLiteral("events"));
        if (!eventsValue.isArray())
            return invalidDocument(sourceName,
                                   categoryPath + QStringLiteral(".events is required and "
                                                                 "must be an array"));

        const QJsonArray events = eventsValue.toArray();
        for (qsizetype j = 0; j < events.size(); ++j) {
            const QString eventPath = categoryPath + QStringLiteral(".events[%1]").arg(j);
            if (!events.at(j).isObject())
                return invalidDocument(sourceName,
                                       eventPath + QStringLiteral(" must be an object"));
            const QJsonObject event = events.at(j).toObject();

            const std::optional<QString> name = nonEmptyString(event, QStringLiteral("name"));
            if (!name)
                return invalidDocument(sourceName,
                                       eventPath + QStringLiteral(".name is required and "
                                                                  "must be a non-empty "
                                                                  "string"));
            if (catalog.contains(*name))
                return invalidDocument(sourceName,
                                       eventPath + QStringLiteral(".name: \"%1\" is listed more "
                                                                  "than once; event names "
                                                                  "must be unique")
                                                       .arg(*name));

            const QJsonValue description = event.value(QStringLiteral("description"));
            if (!description.isUndefined() && !description.isString())
                return invalidDocument(sourceName, eventPath + QStringLiteral(".description "
                                                                              "must be a string"));
            const QJsonValue sample = event.value(QStringLiteral("sample"));
            if (!sample.isUndefined() && !sample.isObject())
                return invalidDocument(sourceName,
                                       eventPath + QStringLiteral(".sample must be a JSON object "
                                                                  "(the event's `data`)"));

            EventType type;
            type.name = *name;
            type.provider = *provider;
            type.providerTitle = *title;
            type.category = *categoryName;
            type.description = description.toString();
            type.sample = sample.toObject();
            catalog.add(type);
        }
    }

    if (providerId)
        *providerId = *provider;
    return catalog;
}

} // namespace

Result<EventCatalog> EventCatalog::loadBuiltin()
{
    static const bool resourcesRegistered = (initEventResources(), true);
    Q_UNUSED(resourcesRegistered);

    const QDir dir{QString::fromLatin1(BuiltinDirectory)};
    const QStringList files =
        dir.entryList({QStringLiteral("*.json")}, QDir::Files | QDir::Readable, QDir::Name);
    if (files.isEmpty())
        return Error{ErrorCode::NotFound, dir.path(),
                     QStringLiteral("no built-in event catalogs found; the events resource is "
                                    "not linked in")};

    struct Loaded {
        int rank;
        QString path;
        EventCatalog catalog;
    };
    QList<Loaded> loaded;
    loaded.reserve(files.size());
    for (const QString &fileName : files) {
        const QString path = dir.filePath(fileName);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{
                ErrorCode::StorageError, path,
                QStringLiteral("cannot read the built-in catalog: %1").arg(file.errorString())};
        QString providerId;
        Result<EventCatalog> parsed = parseProviderDocument(file.readAll(), path, &providerId);
        if (!parsed)
            return parsed.error();
        loaded.append(Loaded{builtinRank(providerId), path, std::move(parsed).value()});
    }
    std::stable_sort(loaded.begin(), loaded.end(),
                     [](const Loaded &a, const Loaded &b) { return a.rank < b.rank; });

    EventCatalog catalog;
    for (const Loaded &entry : std::as_const(loaded)) {
        for (const EventType &type : entry.catalog.all()) {
            if (const std::optional<EventType> existing = catalog.find(type.name))
                return Error{ErrorCode::InvalidArgument, entry.path,
                             QStringLiteral("event \"%1\" of provider \"%2\" is already defined "
                                            "by provider \"%3\"; event names must be unique")
                                 .arg(type.name, type.provider, existing->provider)};
        }
        catalog.merge(entry.catalog);
    }
    return catalog;
}

Result<EventCatalog> EventCatalog::fromJson(const QByteArray &json, const QString &sourceName)
{
    return parseProviderDocument(json, sourceName, nullptr);
}

Status EventCatalog::checkCustom(const EventType &type) const
{
    if (!type.isCustom())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("provider"),
                     QStringLiteral("User-defined event types must have provider \"custom\", "
                                    "not \"%1\".")
                         .arg(type.provider)};

    if (type.name.isEmpty())
        return Error{ErrorCode::InvalidEventType, QStringLiteral("name"),
                     QStringLiteral("An event type name is required: start with a letter, then "
                                    "use letters, digits, '_', '.', ':' or '-' (at most %1 "
                                    "characters).")
                         .arg(MaxCustomNameLength)};
    if (type.name.size() > MaxCustomNameLength)
        return Error{ErrorCode::InvalidEventType, QStringLiteral("name"),
                     QStringLiteral("Event type names are at most %1 characters; this one has %2.")
                         .arg(MaxCustomNameLength)
                         .arg(type.name.size())};
    if (!customNamePattern().match(type.name).hasMatch())
        return Error{ErrorCode::InvalidEventType, QStringLiteral("name"),
                     QStringLiteral("Event type names must start with a letter (A-Z, a-z) and "
                                    "contain only letters, digits, '_', '.', ':' or '-'; no "
                                    "spaces.")};

    if (const std::optional<EventType> existing = find(type.name)) {
        const QString owner = existing->isCustom()
                                  ? QStringLiteral("as a custom event type")
                                  : QStringLiteral("by %1").arg(existing->providerTitle);
        return Error{ErrorCode::Conflict, QStringLiteral("name"),
                     QStringLiteral("\"%1\" is already defined %2; choose another name.")
                         .arg(type.name, owner)};
    }

    if (type.description.size() > MaxCustomDescriptionLength)
        return Error{ErrorCode::InvalidDescription, QStringLiteral("description"),
                     QStringLiteral("Descriptions are at most %1 characters; this one has %2.")
                         .arg(MaxCustomDescriptionLength)
                         .arg(type.description.size())};

    return Status::success();
}

void EventCatalog::add(const EventType &type)
{
    const auto it = m_index.constFind(type.name);
    if (it != m_index.constEnd()) {
        m_types[*it] = type;
        return;
    }
    m_index.insert(type.name, m_types.size());
    m_types.append(type);
}

void EventCatalog::merge(const EventCatalog &other)
{
    if (&other == this)
        return;
    for (const EventType &type : other.m_types)
        add(type);
}

std::optional<EventType> EventCatalog::find(const QString &name) const
{
    const auto it = m_index.constFind(name);
    if (it == m_index.constEnd())
        return std::nullopt;
    return m_types.at(*it);
}

QStringList EventCatalog::unknown(const QStringList &names) const
{
    QStringList result;
    QSet<QString> seen;
    for (const QString &name : names) {
        if (contains(name) || seen.contains(name))
            continue;
        seen.insert(name);
        result.append(name);
    }
    return result;
}

QList<EventType> EventCatalog::byProvider(const QString &provider) const
{
    QList<EventType> result;
    const QString key = provider.trimmed();
    if (key.isEmpty())
        return result;
    for (const EventType &type : m_types) {
        if (type.provider.compare(key, Qt::CaseInsensitive) == 0 ||
            type.providerTitle.compare(key, Qt::CaseInsensitive) == 0)
            result.append(type);
    }
    return result;
}

QStringList EventCatalog::providers() const
{
    QStringList result;
    for (const EventType &type : m_types) {
        if (!result.contains(type.provider))
            result.append(type.provider);
    }
    return result;
}

} // namespace hookline
