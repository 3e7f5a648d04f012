/**
 * What every page and every API answer shares: the settings, the language, the error
 * answers (problem details for the API, a friendly page for people), the landing
 * redirect, the login page.
 */
package io.cardops.portal.web;
