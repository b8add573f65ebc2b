#include "EventPicker.h"

#include "EventTypeDialog.h"
#include "RegistryClient.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <functional>

namespace hookline {

namespace {

const QString kUnknownGroup = QStringLiteral("\x01unknown");

void forEachLeaf(QStandardItem *item, const std::function<void(QStandardItem *)> &f)
{
    if (!item->hasChildren()) {
        f(item);
        return;
    }
    for (int row = 0; row < item->rowCount(); ++row)
        forEachLeaf(item->child(row, EventPicker::EventColumn), f);
}

} // namespace

EventPicker::EventPicker(RegistryClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("eventSearch"));
    m_search->setPlaceholderText(tr("Search events by name, provider or description"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search events"));

    m_model = new QStandardItemModel(this);
    m_model->setHorizontalHeaderLabels({tr("Event"), tr("Description")});
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("eventTree"));
    m_view->setAccessibleName(tr("Event catalog"));
    m_view->setAccessibleDescription(
        tr("Check an event to choose it; Space toggles the current one"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->header()->setStretchLastSection(true);
    m_view->setColumnWidth(EventColumn, 240);
    m_view->setMinimumHeight(200);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("eventCount"));
    m_addType = new QPushButton(tr("Add Custom Event Type…"), this);
    m_addType->setObjectName(QStringLiteral("addCustomEventButton"));
    m_addType->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_addType);
    layout->addLayout(bottom);

    setFocusProxy(m_search);

    connect(m_search, &QLineEdit::textChanged, this, &EventPicker::applyFilter);
    connect(m_model, &QStandardItemModel::itemChanged, this, &EventPicker::onItemChanged);
    connect(m_addType, &QPushButton::clicked, this, &EventPicker::addCustomType);
    connect(m_client, &RegistryClient::catalogChanged, this,
            [this] { setCatalog(m_client->catalog()); });

    setCatalog(m_client->catalog());
}

void EventPicker::setCatalog(const EventCatalog &catalog)
{
    m_catalog = catalog;
    rebuild();
}

QStringList EventPicker::selectedEvents() const
{
    QStringList out;
    const QSet<QString> chosen(m_selected.cbegin(), m_selected.cend());
    for (const EventType &type : m_catalog.all())
        if (chosen.contains(type.name))
            out << type.name;
    for (const QString &name : m_selected)
        if (!m_catalog.contains(name))
            out << name;
    return out;
}

void EventPicker::setSelectedEvents(const QStringList &names)
{
    m_selected.clear();
    for (const QString &name : names)
        if (!m_selected.contains(name))
            m_selected << name;
    rebuild();
    // Show where the selection is; it may sit far down the catalog.
    const QStringList ordered = selectedEvents();
    if (!ordered.isEmpty()) {
        if (QStandardItem *item = m_eventItems.value(ordered.first())) {
            QStandardItem *anchor = item->parent() ? item->parent() : item;
            m_view->scrollTo(m_proxy->mapFromSource(anchor->index()),
                             QAbstractItemView::PositionAtTop);
        }
    }
    emit selectionChanged();
}

void EventPicker::setEventChecked(const QString &name, bool checked)
{
    QStandardItem *item = m_eventItems.value(name);
    if (item)
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

QStandardItem *EventPicker::groupItem(QStandardItem *parent, const QString &text,
                                      const QString &key)
{
    if (QStandardItem *existing = m_groupItems.value(key))
        return existing;
    auto *item = new QStandardItem(text);
    item->setCheckable(true);
    item->setEditable(false);
    QFont font = item->font();
    font.setBold(parent == m_model->invisibleRootItem());
    item->setFont(font);
    auto *spacer = new QStandardItem;
    spacer->setEditable(false);
    spacer->setSelectable(false);
    parent->appendRow({item, spacer});
    m_groupItems.insert(key, item);
    return item;
}

void EventPicker::rebuild()
{
    m_updating = true;
    m_model->removeRows(0, m_model->rowCount());
    m_eventItems.clear();
    m_groupItems.clear();
    QStandardItem *root = m_model->invisibleRootItem();

    auto addEvent = [this](QStandardItem *category, const QString &name,
                           const QString &description) {
        auto *item = new QStandardItem(name);
        item->setData(name, EventNameRole);
        item->setCheckable(true);
        item->setEditable(false);
        item->setCheckState(m_selected.contains(name) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(description);
        auto *desc = new QStandardItem(description);
        desc->setEditable(false);
        desc->setToolTip(description);
        category->appendRow({item, desc});
        m_eventItems.insert(name, item);
    };

    for (const EventType &type : m_catalog.all()) {
        const QString title = type.providerTitle.isEmpty() ? type.provider : type.providerTitle;
        QStandardItem *provider = groupItem(root, title, type.provider);
        QStandardItem *category =
            groupItem(provider, type.category, type.provider + QLatin1Char('\n') + type.category);
        addEvent(category, type.name, type.description);
    }

    for (const QString &name : std::as_const(m_selected)) {
        if (m_catalog.contains(name))
            continue;
        QStandardItem *group = groupItem(root, tr("Not in the catalog"), kUnknownGroup);
        addEvent(group, name, tr("This event type is not in the catalog; uncheck it."));
    }

    updateParentStates();
    m_updating = false;
    m_view->expandAll();
    updateCount();
}

void EventPicker::onItemChanged(QStandardItem *item)
{
    if (m_updating || item->column() != EventColumn)
        return;
    m_updating = true;
    auto apply = [this](QStandardItem *leaf, Qt::CheckState state) {
        const QString name = leaf->data(EventNameRole).toString();
        if (name.isEmpty())
            return;
        if (leaf->checkState() != state)
            leaf->setCheckState(state);
        if (state == Qt::Checked && !m_selected.contains(name))
            m_selected << name;
        else if (state == Qt::Unchecked)
            m_selected.removeAll(name);
    };

    if (item->hasChildren()) {
        // A group toggles the events the search currently shows, not the hidden ones.
        const Qt::CheckState state =
            item->checkState() == Qt::Unchecked ? Qt::Unchecked : Qt::Checked;
        forEachLeaf(item, [this, &apply, state](QStandardItem *leaf) {
            if (m_proxy->mapFromSource(leaf->index()).isValid())
                apply(leaf, state);
        });
    } else {
        apply(item, item->checkState());
    }
    updateParentStates();
    m_updating = false;
    updateCount();
    emit selectionChanged();
}

void EventPicker::updateParentStates()
{
    // Children before parents: categories are computed before their provider.
    std::function<Qt::CheckState(QStandardItem *)> stateOf = [&](QStandardItem *item) {
        if (!item->hasChildren())
            return item->checkState();
        int checked = 0;
        int partial = 0;
        for (int row = 0; row < item->rowCount(); ++row) {
            const Qt::CheckState s = stateOf(item->child(row, EventColumn));
            checked += s == Qt::Checked;
            partial += s == Qt::PartiallyChecked;
        }
        const Qt::CheckState state = checked == item->rowCount() ? Qt::Checked
                                     : checked + partial == 0    ? Qt::Unchecked
                                                                 : Qt::PartiallyChecked;
        if (item->checkState() != state)
            item->setCheckState(state);
        return state;
    };
    QStandardItem *root = m_model->invisibleRootItem();
    for (int row = 0; row < root->rowCount(); ++row)
        stateOf(root->child(row, EventColumn));
}

void EventPicker::updateCount()
{
    const qsizetype n = m_selected.size();
    if (n == 0)
        m_count->setText(tr("No events selected"));
    else if (n == 1)
        m_count->setText(tr("1 event selected"));
    else
        m_count->setText(tr("%1 events selected").arg(n));
    m_count->setToolTip(selectedEvents().join(QLatin1Char('\n')));
}

void EventPicker::applyFilter(const QString &text)
{
    m_proxy->setFilterFixedString(text.trimmed());
    m_view->expandAll();
    // An event named exactly as typed, or the single match left, goes under the keyboard so
    // Space checks it.
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return;
    const QModelIndexList exact =
        m_proxy->match(m_proxy->index(0, EventColumn), EventNameRole, wanted, 1,
                       Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchCaseSensitive);
    if (!exact.isEmpty()) {
        m_view->setCurrentIndex(exact.first());
        m_view->scrollTo(exact.first());
        return;
    }
    QModelIndex index;
    while (m_proxy->rowCount(index) == 1)
        index = m_proxy->index(0, EventColumn, index);
    if (index.isValid() && m_proxy->rowCount(index) == 0)
        m_view->setCurrentIndex(index);
}

void EventPicker::addCustomType()
{
    auto *dialog = new EventTypeDialog(m_client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EventTypeDialog::eventTypeAdded, this, [this](const EventType &type) {
        if (!m_selected.contains(type.name))
            m_selected << type.name;
        setCatalog(m_client->catalog());
        if (QStandardItem *item = m_eventItems.value(type.name))
            m_view->scrollTo(m_proxy->mapFromSource(item->index()));
        emit selectionChanged();
    });
    dialog->open();
}

} // namespace hookline
