#pragma once

#include "Result.h"
#include "receiver/ReceiverHost.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QWidget;

namespace hookline {

// Where and how a new receiver listens: port, address (127.0.0.1 unless the user explicitly
// accepts requests from other machines), HTTP or HTTPS with Hookline's certificate or their own,
// and recording. Start checks what it can on the spot (a port number, an address of this
// machine, readable files), then asks for the start; what only starting can tell (a port in use,
// a key that does not fit) comes back through showStartError() under the field it is about.
class ReceiverStartDialog final : public QDialog {
    Q_OBJECT

public:
    explicit ReceiverStartDialog(const ReceiverLaunch &initial, QWidget *parent = nullptr);

    // The form as a launch, or nullopt after showing what is wrong under each field.
    std::optional<ReceiverLaunch> validatedLaunch();
    void setBusy(bool busy);
    void showStartError(const Error &error);

    // Messages a person can act on; also used when a receiver is started without this dialog.
    static QString portProblem(const QString &text, std::optional<quint16> *port);
    static QString portInUseMessage(const QHostAddress &host, quint16 port);

signals:
    void startRequested(const hookline::ReceiverLaunch &launch);

private:
    QWidget *buildCertificateGroup();
    void updateHostState();
    void refit();
    void updateTlsState();
    void clearErrors();
    void browse(QLineEdit *edit, const QString &title);
    std::optional<QHostAddress> parsedHost(QString *problem) const;

    QLabel *m_banner = nullptr;
    QLineEdit *m_port = nullptr;
    QLabel *m_portError = nullptr;
    QComboBox *m_host = nullptr;
    QLabel *m_hostError = nullptr;
    QLabel *m_hostWarning = nullptr;
    QCheckBox *m_allowRemote = nullptr;
    QCheckBox *m_https = nullptr;
    QWidget *m_certificateGroup = nullptr;
    QRadioButton *m_generated = nullptr;
    QRadioButton *m_ownFiles = nullptr;
    QLineEdit *m_certificatePath = nullptr;
    QLabel *m_certificateError = nullptr;
    QLineEdit *m_keyPath = nullptr;
    QLabel *m_keyError = nullptr;
    QWidget *m_filesGroup = nullptr;
    QCheckBox *m_record = nullptr;
    QPushButton *m_start = nullptr;
    bool m_busy = false;
};

} // namespace hookline
