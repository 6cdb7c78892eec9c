//! Loads WSDL and XSD files into the resolved model.
