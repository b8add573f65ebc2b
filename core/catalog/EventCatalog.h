#pragma once

#include "Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookline {

// One event type a webhook can subscribe to.
struct EventType {
    QString name;          // e.g. "email.replied"; unique across the catalog
    QString provider;      // provider id, e.g. "sendkit"; "custom" for user-defined types
    QString providerTitle; // e.g. "SendKit"
    QString category;      // e.g. "Email Events"
    QString description;
    QJsonObject sample; // a realistic `data` object for this event

    bool isCustom() const { return provider == QLatin1String("custom"); }
};

// The event types Hookline knows: the built-in providers' catalogs (JSON files compiled in as Qt
// resources under :/hookline/events/) plus the user's own types.
class EventCatalog {
public:
    EventCatalog() = default;

    // Every built-in provider file. Fails only if a shipped file is malformed.
    static Result<EventCatalog> loadBuiltin();
    // One provider document (the format of resources/events/*.json).
    static Result<EventCatalog> fromJson(const QByteArray &json, const QString &sourceName);

    // Checks a user-defined type (name syntax, not already known, description length).
    Status checkCustom(const EventType &type) const;
    // Adds a type; a type with the same name replaces the old one.
    void add(const EventType &type);
    void merge(const EventCatalog &other);

    bool contains(const QString &name) const { return m_index.contains(name); }
    std::optional<EventType> find(const QString &name) const;
    // The names in `names` the catalog does not know, in their original order, without repeats.
    QStringList unknown(const QStringList &names) const;

    const QList<EventType> &all() const { return m_types; }
    // Matches a provider's id or title, case-insensitively.
    QList<EventType> byProvider(const QString &provider) const;
    // Provider ids in catalog order.
    QStringList providers() const;
    int size() const { return int(m_types.size()); }

private:
    QList<EventType> m_types;
    QHash<QString, qsizetype> m_index;
};

} // namespace hookline
