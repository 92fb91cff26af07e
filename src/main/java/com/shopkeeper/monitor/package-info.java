/**
 * Watching the bot work: the conversation admin API, the machine as data, its live activity and the
 * server-sent stream the visualizer draws from. Read-only over the conversation, cart and order data.
 */
package com.shopkeeper.monitor;
