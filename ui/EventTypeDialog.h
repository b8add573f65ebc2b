#pragma once

#include "catalog/EventCatalog.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace hookline {

class RegistryClient;

// Adds a user-defined event type (name, description, sample `data` object) to the catalog.
// Stays open with the input when the registry refuses it.
class EventTypeDialog final : public QDialog {
    Q_OBJECT

public:
    EventTypeDialog(RegistryClient *client, QWidget *parent = nullptr);

signals:
    void eventTypeAdded(const hookline::EventType &type);

private:
    EventType currentType() const;
    // The sample as an object, or the reason it is not one.
    std::optional<QJsonObject> parsedSample(QString *problem) const;
    void validate();
    void submit();

    RegistryClient *m_client;
    EventCatalog m_catalog;
    QLabel *m_banner = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameError = nullptr;
    QLineEdit *m_description = nullptr;
    QLabel *m_descriptionError = nullptr;
    QPlainTextEdit *m_sample = nullptr;
    QLabel *m_sampleError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_addButton = nullptr;
    bool m_nameTouched = false;
    bool m_busy = false;
};

} // namespace hookline
