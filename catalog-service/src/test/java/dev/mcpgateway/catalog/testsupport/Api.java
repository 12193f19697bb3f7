package dev.mcpgateway.catalog.testsupport;

import static dev.mcpgateway.testsupport.Operators.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Small helpers over RestAssured shared by the *IT classes. */
public final class Api {

    private Api() {
    }

    public static ValidatableResponse get(String path, Object... queryPairs) {
        var spec = given().accept(ContentType.JSON);
        for (int i = 0; i < queryPairs.length; i += 2) {
            spec = spec.queryParam(String.valueOf(queryPairs[i]), queryPairs[i + 1]);
        }
        return spec.when().get(path).then();
    }
}
