#pragma once

#include "Result.h"
#include "delivery/DeliveryStore.h"
#include "model/Webhook.h"

#include <QString>

namespace hookline {

class Dispatcher;
class Receiver;

struct TestWebhookOptions {
    SignatureScheme scheme = SignatureScheme::XWebhookSignature;
    // Test webhooks live in a system of their own, so they never count against the per-event
    // limit of the user's real webhooks.
    QString systemId = QStringLiteral("hookline-receiver");
    QString path = QStringLiteral("/hookline");
    // Woken once the test event is queued (Dispatcher::wake() is thread-safe).
    Dispatcher *dispatcher = nullptr;
};

struct TestWebhook {
    Webhook webhook;
    bool created = false; // false: an earlier test webhook for this receiver was reused
    EnqueuedEvent event;
};

// The receiver's round trip: registers a local-testing webhook pointing at the receiver
// (http://127.0.0.1:PORT/hookline, or https pinned to the receiver's certificate), attaches
// its secrets to the receiver, and publishes a test event for the dispatcher to deliver. A
// webhook made earlier for the same URL is reused (its pin and scheme brought up to date, and
// enabled again if a failed test paused it), so repeated clicks do not pile webhooks up.
//
// Needs a listening receiver with a registry and database, bound to loopback or to every
// address (a local-testing webhook may only use plain http to loopback).
Result<TestWebhook> createTestWebhookFor(Receiver &receiver,
                                         const TestWebhookOptions &options = TestWebhookOptions());

} // namespace hookline
