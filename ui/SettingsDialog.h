#pragma once

#include "Preferences.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hookline {

// The user's preferences in groups: storage, history, receiver defaults, new webhooks and
// appearance. Each field says what is wrong and how to fix it as you type; OK stays disabled
// until every field is valid, and only OK writes to Preferences. The theme previews at once and
// goes back on Cancel.
class SettingsDialog final : public QDialog {
    Q_OBJECT

public:
    // `databaseInUse`: the database open now (empty before one is), to say when a new location
    // takes effect.
    SettingsDialog(Preferences *preferences, const QString &databaseInUse,
                   QWidget *parent = nullptr);

    bool isValid() const { return m_valid; }
    // The database path the field names, made absolute; empty for the default.
    QString chosenDatabasePath() const;
    // Where the database lives when the field is empty.
    static QString defaultDatabasePath();

public slots:
    void accept() override;
    void reject() override;

signals:
    // OK wrote the preferences; `databaseChanged`: the database location is a different one,
    // used from the next start.
    void applied(bool databaseChanged);

private:
    QWidget *buildStorageGroup();
    QWidget *buildHistoryGroup();
    QWidget *buildReceiverGroup();
    QWidget *buildWebhookGroup();
    QWidget *buildAppearanceGroup();
    void load();
    void validate();
    void browseDatabase();
    void previewTheme();
    Theme chosenTheme() const;

    Preferences *m_preferences;
    QString m_databaseInUse;
    Theme m_themeBefore;
    bool m_valid = false;

    QLineEdit *m_databasePath = nullptr;
    QPushButton *m_browse = nullptr;
    QPushButton *m_useDefault = nullptr;
    QLabel *m_databaseError = nullptr;
    QLabel *m_databaseNote = nullptr;
    QSpinBox *m_retentionDays = nullptr;
    QSpinBox *m_retentionCount = nullptr;
    QDoubleSpinBox *m_replayRate = nullptr;
    QSpinBox *m_autoPause = nullptr;
    QLabel *m_historyError = nullptr;
    QSpinBox *m_receiverPort = nullptr;
    QLabel *m_portError = nullptr;
    QLineEdit *m_receiverHost = nullptr;
    QLabel *m_hostError = nullptr;
    QLabel *m_hostWarning = nullptr;
    QCheckBox *m_receiverTls = nullptr;
    QComboBox *m_scheme = nullptr;
    QComboBox *m_theme = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace hookline
