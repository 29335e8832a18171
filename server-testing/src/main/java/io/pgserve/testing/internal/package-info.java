/** Implementation of pgserve-testing: SQL normalization, parameter comparison, script running. May change. */
package io.pgserve.testing.internal;
