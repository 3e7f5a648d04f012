/**
 * The API's OpenAPI description ({@code /v3/api-docs}, browsable at
 * {@code /swagger-ui.html}).
 */
package io.cardops.portal.openapi;
