package dev.switchboard.registry.rest;

import java.util.List;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.switchboard.api.auth.Public;
import dev.switchboard.registry.Provider;
import dev.switchboard.registry.ProviderView;

/** The providers the catalog knows, with their last known status. */
@Public
@Path("/providers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "providers")
public class ProviderResource {

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ProviderView> list() {
        return Provider.listOrdered().stream().map(ProviderView::of).toList();
    }
}
