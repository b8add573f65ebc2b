#pragma once

#include "catalog/EventCatalog.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace hookline {

class RegistryClient;

// Picks event types from the catalog: a searchable tree of provider → category → event with
// check boxes, and a way to add a custom event type.
class EventPicker final : public QWidget {
    Q_OBJECT

public:
    enum Column { EventColumn, DescriptionColumn, NB_COLUMNS };
    enum Role { EventNameRole = Qt::UserRole + 1 };

    explicit EventPicker(RegistryClient *client, QWidget *parent = nullptr);

    // Rebuilds the tree; the selection is kept.
    void setCatalog(const EventCatalog &catalog);
    // Catalog order, then any selected names the catalog does not know.
    QStringList selectedEvents() const;
    void setSelectedEvents(const QStringList &names);
    void setEventChecked(const QString &name, bool checked);

    QLineEdit *searchField() const { return m_search; }
    QTreeView *view() const { return m_view; }

signals:
    void selectionChanged();

private:
    void rebuild();
    void onItemChanged(QStandardItem *item);
    void updateParentStates();
    void updateCount();
    void applyFilter(const QString &text);
    void addCustomType();
    QStandardItem *groupItem(QStandardItem *parent, const QString &text, const QString &key);

    RegistryClient *m_client;
    EventCatalog m_catalog;
    QStringList m_selected;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTreeView *m_view = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_addType = nullptr;
    QHash<QString, QStandardItem *> m_eventItems;
    QHash<QString, QStandardItem *> m_groupItems;
    bool m_updating = false;
};

} // namespace hookline
